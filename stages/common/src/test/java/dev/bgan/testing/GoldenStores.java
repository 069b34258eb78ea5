package dev.bgan.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * Stores written by earlier code, committed as test resources: for each earlier train stage version,
 * a model artifact made by that version's code (tiny widths, two iterations, on real MNIST) and its
 * metrics artifact by the evaluate stage of the time, plus what that code computed with the model on
 * fixed inputs ({@code outputs/*.f32}, little-endian floats) and a {@code golden.properties} naming
 * the ids and the commit. How they were made: {@code golden/README.md}. The store's artifacts are
 * copied out of the resources (a jar when another module reads them) file by file, as {@code FILES} lists.
 */
public final class GoldenStores {
  /** The train stage versions before the current one, each with a golden store. */
  public static final List<Integer> TRAIN_VERSIONS = List.of(1, 2);

  private GoldenStores() {}

  /**
   * The artifacts of the golden store of train stage version {@code version}, copied into the store
   * folder {@code dir} (which may hold other versions' already); returns {@code dir}.
   */
  public static Path copy(int version, Path dir) {
    try {
      for (String file : read(version, "FILES").lines().filter(l -> !l.isBlank()).toList()) {
        Path target = dir.resolve(file);
        Files.createDirectories(target.getParent());
        try (InputStream in = open(version, file)) {
          Files.copy(in, target);
        }
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code golden.properties}: {@code model}, {@code metrics}, {@code iteration}, {@code commit}. */
  public static Properties properties(int version) {
    Properties properties = new Properties();
    try {
      properties.load(new java.io.StringReader(read(version, "golden.properties")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties;
  }

  /** What the earlier code computed: {@code outputs/NAME.f32}. */
  public static float[] recorded(int version, String name) {
    try (InputStream in = open(version, "outputs/" + name + ".f32")) {
      ByteBuffer bytes = ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
      float[] values = new float[bytes.remaining() / Float.BYTES];
      bytes.asFloatBuffer().get(values);
      return values;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The fixed inputs the outputs were recorded on: {@code scale * sin(i + 1)} for i = 0, 1, ... */
  public static float[] pattern(int count, double scale) {
    float[] values = new float[count];
    for (int i = 0; i < count; i++) {
      values[i] = (float) (scale * Math.sin(i + 1));
    }
    return values;
  }

  private static String read(int version, String file) throws IOException {
    try (InputStream in = open(version, file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static InputStream open(int version, String file) throws IOException {
    String name = "golden/train-v" + version + "/" + file;
    InputStream in = GoldenStores.class.getResourceAsStream(name);
    if (in == null) {
      throw new IOException("no test resource dev/bgan/testing/" + name);
    }
    return in;
  }
}
