package dev.bgan.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CelebA-layout folders made of real photos (scikit-image's astronaut and LFW faces, a photo with
 * no face, one with two faces pasted side by side) and the crops Python's OpenCV (Debian's cv2)
 * makes of them with the same cascade and parameters. The script, {@code celeba_fixtures.py} beside
 * this class, says how.
 */
public final class CelebaTestFolder {
  private static final String SCRIPT = "celeba_fixtures.py";
  private static final List<String> MODULES = List.of("cv2", "skimage", "numpy");

  private CelebaTestFolder() {}

  /** What each photo was made to hold: "one", "none" (no face) or "two" (two faces), by file name. */
  public static Map<String, String> write(Path dir, int count, long seed) {
    Map<String, String> kinds = new LinkedHashMap<>();
    String output = python("folder", dir.toString(), Integer.toString(count), Long.toString(seed));
    for (String[] line : lines(output, "kind")) {
      kinds.put(line[1], line[2]);
    }
    return kinds;
  }

  /** The faces Python found in one photo and, with exactly one, its crop (RGB, side x side x 3). */
  public record ReferenceCrop(List<int[]> boxes, byte[] rgb) {}

  /** Python's crop of every photo of {@code dir}, by file name; crops go through {@code scratch}. */
  public static Map<String, ReferenceCrop> crops(Path dir, int side, Path scratch) {
    Map<String, List<int[]>> boxes = new LinkedHashMap<>();
    for (String[] line : lines(python("crop", dir.toString(), Integer.toString(side), scratch.toString()),
        "faces", "box")) {
      if (line[0].equals("faces")) {
        boxes.put(line[1], new ArrayList<>());
      } else {
        boxes.get(line[1]).add(new int[] {Integer.parseInt(line[2]), Integer.parseInt(line[3]),
            Integer.parseInt(line[4]), Integer.parseInt(line[5])});
      }
    }
    Map<String, ReferenceCrop> crops = new LinkedHashMap<>();
    boxes.forEach((name, found) -> {
      Path rgb = scratch.resolve(name + ".rgb");
      crops.put(name, new ReferenceCrop(found, found.size() == 1 ? read(rgb) : null));
    });
    return crops;
  }

  /** Python's decoding of every photo of {@code dir} (RGB, HWC), by file name. */
  public static Map<String, byte[]> decoded(Path dir, Path scratch) {
    Map<String, byte[]> images = new LinkedHashMap<>();
    for (String[] line : lines(python("decoded", dir.toString(), scratch.toString()), "shape")) {
      images.put(line[1], read(scratch.resolve(line[1] + ".rgb")));
    }
    return images;
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The script's "KEY ..." lines for the given keys; Python's stderr (libpng warnings) is mixed in. */
  private static List<String[]> lines(String output, String... keys) {
    List<String> wanted = List.of(keys);
    return output.lines().map(l -> l.trim().split(" ")).filter(l -> wanted.contains(l[0])).toList();
  }

  private static String python(String... args) {
    return Python.run(MODULES, script(), args);
  }

  private static String script() {
    try (InputStream in = CelebaTestFolder.class.getResourceAsStream(SCRIPT)) {
      if (in == null) {
        throw new IllegalStateException(SCRIPT + " is missing from the test resources");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
