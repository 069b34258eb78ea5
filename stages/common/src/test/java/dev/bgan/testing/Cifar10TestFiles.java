package dev.bgan.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * CIFAR-10 python batches written for tests by python3 with numpy (part of the machine image), in
 * the layout of the real files, and what numpy computes of them. The script,
 * {@code cifar10_fixtures.py} beside this class, says what each kind of file holds.
 */
public final class Cifar10TestFiles {
  private static final String SCRIPT = "cifar10_fixtures.py";

  private Cifar10TestFiles() {}

  /** How the batches are pickled. */
  public enum Style {
    /** As the official files: Python 2's protocol 2, str keys, BINSTRING data. */
    PYTHON2("python2"),
    /** Python 3, protocol 2: bytes keys and data as {@code _codecs.encode}, numpy int64 test labels. */
    PYTHON3("python3"),
    /** Python 3, protocol 5: str keys, data through {@code _frombuffer}, labels an int64 array. */
    PROTOCOL5("protocol5");

    private final String arg;

    Style(String arg) {
      this.arg = arg;
    }
  }

  /** What numpy computed: keys such as {@code train.hwc_sha256}, {@code test.histogram}, {@code pixel_min}. */
  public record Expected(Map<String, String> values) {
    public String get(String key) {
      String value = values.get(key);
      if (value == null) {
        throw new IllegalArgumentException("the fixture script printed no " + key + " (it printed " + values.keySet() + ")");
      }
      return value;
    }
  }

  /**
   * The seven files in {@code dir}: data_batch_1..5 and test_batch of the given sizes (six of them),
   * pixels and labels drawn from {@code seed} the same way whatever the style, and batches.meta.
   */
  public static Expected writeBatches(Path dir, Style style, List<Integer> batchSizes, long seed) {
    if (batchSizes.size() != 6) {
      throw new IllegalArgumentException("six batch sizes are needed, got " + batchSizes);
    }
    String sizes = batchSizes.stream().map(String::valueOf).collect(Collectors.joining(","));
    return python("batches", dir.toString(), style.arg, sizes, Long.toString(seed));
  }

  /** The seven files of {@code dir} as {@code cifar-10-batches-py/} in a .tar.gz; {@code md5} is its MD5. */
  public static Expected writeArchive(Path dir, Path archive) {
    return python("archive", dir.toString(), archive.toString());
  }

  /** The same archive with one more entry named {@code extraEntry}, such as "../escaped". */
  public static Expected writeArchive(Path dir, Path archive, String extraEntry) {
    return python("archive", dir.toString(), archive.toString(), extraEntry);
  }

  /**
   * Files with one defect each, named for it, in {@code dir}: batches of 10 images, python3 style,
   * with shape (data 10 x 3071), dtype (int64 data), float (float32 data), fortran
   * (Fortran-ordered data), label_range (label 10 at image 7), label_count (9 labels), no_labels
   * (fine_labels instead), not_dict (a list); and nine_names, a batches.meta naming nine classes.
   */
  public static void writeDefects(Path dir) {
    python("defects", dir.toString());
  }

  /**
   * The value of the Python expression {@code expression} ({@code np} is numpy) pickled with each
   * of {@code protocols}; returns the files, {@code dir/protocol-N.pkl}, in the same order.
   */
  public static List<Path> writePickles(Path dir, List<Integer> protocols, String expression) {
    python("pickle", dir.toString(), protocols.stream().map(String::valueOf).collect(Collectors.joining(",")),
        expression);
    return protocols.stream().map(p -> dir.resolve("protocol-" + p + ".pkl")).toList();
  }

  /**
   * Pickles in {@code dir} that run a command when Python loads them, each of which would create
   * {@code markers/<its name>}; the script has checked, on twins of them, that Python does run it.
   */
  public static List<String> writeHostile(Path dir, Path markers) {
    return List.of(python("hostile", dir.toString(), markers.toString()).get("hostile").split("\n"));
  }

  private static Expected python(String... args) {
    String output = Python.run(List.of("numpy"), script(), args);
    Map<String, String> values = new HashMap<>();
    output.lines().map(line -> line.split(" ", 2)).forEach(kv -> values.merge(kv[0], kv[1], (a, b) -> a + "\n" + b));
    return new Expected(values);
  }

  private static String script() {
    try (InputStream in = Cifar10TestFiles.class.getResourceAsStream(SCRIPT)) {
      if (in == null) {
        throw new IllegalStateException(SCRIPT + " is missing from the test resources");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
