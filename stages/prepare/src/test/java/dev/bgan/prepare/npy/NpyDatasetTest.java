package dev.bgan.prepare.npy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bgan.common.BadInputException;
import dev.bgan.common.Sha256;
import dev.bgan.dataset.ImageRecord;
import dev.bgan.prepare.DatasetWarnings;
import dev.bgan.proto.DatasetSummary;
import dev.bgan.proto.SplitSummary;
import dev.bgan.testing.Python;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Custom .npy datasets written by numpy in many dtypes, ranges, ranks and orders: the records equal
 * numpy's computation of the documented scaling rule; bad files are refused naming the file.
 */
class NpyDatasetTest {
  /**
   * Writes each case's four files into DIR/CASE/ and prints, per case: the rule's description key,
   * then per split the SHA-256 of the uint8 pixels (C order) and the labels, comma-separated, and the
   * class histogram. The scaling is computed here independently of the Java code, in float64 with
   * np.rint, after the rule the README documents.
   */
  private static final String WRITE = """
      import hashlib, os, sys, numpy as np
      d = sys.argv[1]
      rng = np.random.default_rng(3)
      def case(name, xtr, ytr, xte, yte):
          os.makedirs(d + '/' + name)
          for f, a in (('x_tr', xtr), ('y_tr', ytr), ('x_te', xte), ('y_te', yte)):
              np.save('%s/%s/%s.npy' % (d, name, f), a)
          both = np.concatenate([xtr.ravel(), xte.ravel()])
          if both.dtype == np.uint8:
              lo, hi = 0.0, 255.0
          elif both.dtype == np.bool_:
              lo, hi = 0.0, 1.0
          else:
              v = both.astype(np.float64)
              mn, mx = v.min(), v.max()
              if np.all(v == np.rint(v)) and mn >= 0 and mx <= 255:
                  lo, hi = 0.0, max(mx, 1.0)
              elif mn >= 0 and mx <= 1:
                  lo, hi = 0.0, 1.0
              elif mn >= -1 and mx <= 1:
                  lo, hi = -1.0, 1.0
              else:
                  lo, hi = mn, mx
          out = [name, '%r,%r' % (float(lo), float(hi))]
          for x, y in ((xtr, ytr), (xte, yte)):
              px = np.clip(np.rint((x.astype(np.float64) - lo) * 255.0 / (hi - lo)), 0, 255).astype(np.uint8)
              labels = np.asarray(y).reshape(-1).astype(np.int64)
              out += [hashlib.sha256(np.ascontiguousarray(px).tobytes()).hexdigest(), ','.join(map(str, labels)),
                      ','.join(map(str, np.bincount(labels, minlength=int(max(ytr.max(), yte.max())) + 1)))]
          print(' '.join(out))
      def labels(n, k, dtype='int64'):
          return rng.integers(0, k, n).astype(dtype)
      case('uint8_rgb', rng.integers(0, 256, (7, 5, 4, 3)).astype(np.uint8), labels(7, 3),
           rng.integers(0, 256, (4, 5, 4, 3)).astype(np.uint8), labels(4, 3))
      case('int_0_16', rng.integers(0, 17, (9, 8, 8)), labels(9, 10), rng.integers(0, 17, (3, 8, 8)), labels(3, 10))
      case('float_whole_0_16', rng.integers(0, 17, (9, 8, 8, 1)).astype('>f8'), labels(9, 10, 'float64').reshape(-1, 1),
           rng.integers(0, 17, (3, 8, 8, 1)).astype('>f8'), labels(3, 10, 'float32'))
      case('float_0_1', rng.random((6, 6, 6, 1), dtype=np.float32), labels(6, 2, 'uint8'),
           rng.random((2, 6, 6, 1), dtype=np.float32), labels(2, 2, 'int16'))
      case('float_pm1', rng.uniform(-1, 1, (5, 4, 4, 3)), labels(5, 4), rng.uniform(-1, 1, (5, 4, 4, 3)), labels(5, 4))
      case('int16_wide', rng.integers(-300, 700, (5, 3, 3)).astype('<i2'), labels(5, 2),
           rng.integers(-300, 700, (2, 3, 3)).astype('<i2'), labels(2, 2))
      case('float_wide_fortran', np.asfortranarray(rng.normal(50, 30, (4, 5, 6, 3))), labels(4, 5),
           np.asfortranarray(rng.normal(50, 30, (3, 5, 6, 3))), labels(3, 5))
      case('bool', rng.integers(0, 2, (4, 3, 3)).astype(bool), labels(4, 2), rng.integers(0, 2, (2, 3, 3)).astype(bool),
           labels(2, 2))
      """;

  @TempDir static Path dir;
  private static Map<String, String[]> expected;

  @BeforeAll
  static void writeCases() {
    expected = Arrays.stream(Python.run(List.of("numpy"), WRITE, dir.toString()).strip().split("\n"))
        .map(line -> line.split(" ")).collect(Collectors.toMap(f -> f[0], f -> f));
  }

  private static NpyFiles files(String name) {
    Path d = dir.resolve(name);
    return new NpyFiles(d.resolve("x_tr.npy"), d.resolve("y_tr.npy"), d.resolve("x_te.npy"), d.resolve("y_te.npy"));
  }

  @Test
  void recordsEqualNumpysScalingForEveryCase() {
    assertEquals(8, expected.size());
    for (Map.Entry<String, String[]> entry : expected.entrySet()) {
      String name = entry.getKey();
      String[] e = entry.getValue();
      NpyDataset dataset = NpyDataset.load(files(name), "t");
      String[] loHi = e[1].split(",");
      assertEquals(Double.parseDouble(loHi[0]), dataset.scaling().lo(), name);
      assertEquals(Double.parseDouble(loHi[1]), dataset.scaling().hi(), name);
      DatasetSummary summary = dataset.summary();
      assertEquals(dataset.scaling().description(), summary.getPixelScaling());
      for (int s = 0; s < 2; s++) {
        SplitSummary split = summary.getSplits(s);
        List<ImageRecord> records = dataset.reader(split.getName()).read(0, split.getCount());
        MessageDigest pixels = Sha256.newDigest();
        records.forEach(r -> pixels.update(r.pixels()));
        String what = name + " " + split.getName();
        assertEquals(e[2 + 3 * s], HexFormat.of().formatHex(pixels.digest()), what + " pixels");
        assertEquals(e[3 + 3 * s], records.stream().map(r -> String.valueOf(r.label())).collect(Collectors.joining(",")),
            what + " labels");
        assertEquals(e[4 + 3 * s], split.getClassHistogramList().stream().map(String::valueOf)
            .collect(Collectors.joining(",")), what + " histogram");
      }
    }
  }

  @Test
  void theRuleIsRecordedInWords() {
    assertEquals("identity: uint8 values kept", NpyDataset.load(files("uint8_rgb"), "t").summary().getPixelScaling());
    assertEquals("rint(x*255/16): whole numbers within 0..16, scaled so 16 -> 255",
        NpyDataset.load(files("int_0_16"), "t").summary().getPixelScaling());
    assertEquals("rint(x*255): values within [0, 1]", NpyDataset.load(files("float_0_1"), "t").summary().getPixelScaling());
    assertEquals("rint((x+1)*127.5): values within [-1, 1]",
        NpyDataset.load(files("float_pm1"), "t").summary().getPixelScaling());
    assertTrue(NpyDataset.load(files("int16_wide"), "t").summary().getPixelScaling().contains("min-max"));
    DatasetSummary rgb = NpyDataset.load(files("uint8_rgb"), "t").summary();
    assertEquals(List.of(5, 4, 3), List.of(rgb.getHeight(), rgb.getWidth(), rgb.getChannels()));
  }

  /** Each bad case: a copy of int_0_16 with one file replaced by numpy. */
  private static final String BAD = """
      import shutil, sys, numpy as np
      src, d, which, code = sys.argv[1:5]
      shutil.copytree(src, d)
      np.save(d + '/' + which + '.npy', eval(code))
      """;

  private Path bad(String name, String which, String numpyExpression) {
    Path target = dir.resolve("bad_" + name);
    Python.run(List.of("numpy"), BAD, dir.resolve("int_0_16").toString(), target.toString(), which, numpyExpression);
    return target;
  }

  private static void assertRefused(Path caseDir, String file, String problem) {
    Path d = caseDir;
    NpyFiles files = new NpyFiles(d.resolve("x_tr.npy"), d.resolve("y_tr.npy"), d.resolve("x_te.npy"),
        d.resolve("y_te.npy"));
    BadInputException e = assertThrows(BadInputException.class, () -> NpyDataset.load(files, "t"));
    assertTrue(e.getMessage().startsWith(d.resolve(file) + ": "), e.getMessage());
    assertTrue(e.getMessage().contains(problem), e.getMessage() + " should say " + problem);
    assertFalse(e.getMessage().contains("\n"));
  }

  @Test
  void badFilesAreRefusedNamingTheFile() throws IOException {
    assertRefused(bad("count", "y_tr", "np.zeros(8, dtype=np.int64)"), "y_tr.npy", "8 labels for the 9 images of");
    assertRefused(bad("fraction", "y_te", "np.array([0.0, 2.5, 1.0])"), "y_te.npy", "value 2.5 at index 1");
    assertRefused(bad("negative", "y_tr", "np.array([0, 1, -1, 2, 3, 4, 5, 6, 7])"), "y_tr.npy",
        "label -1 at index 2 is negative");
    assertRefused(bad("label_rank", "y_tr", "np.zeros((9, 2), dtype=np.int64)"), "y_tr.npy",
        "labels must be shaped (n,) or (n, 1)");
    assertRefused(bad("image_rank", "x_tr", "np.zeros((9, 64))"), "x_tr.npy",
        "images must be shaped (n, h, w, c) or (n, h, w), got a float64 array of shape (9, 64)");
    assertRefused(bad("channels", "x_te", "np.zeros((3, 8, 8, 2))"), "x_te.npy", "1 (grayscale) or 3 (RGB) channels");
    assertRefused(bad("size", "x_te", "np.zeros((3, 8, 7))"), "x_te.npy", "test images are 8x7x1, the train images");
    assertRefused(bad("nan", "x_te", "np.full((3, 8, 8), np.nan)"), "x_te.npy", "value NaN at index 0");
    assertRefused(bad("object", "x_tr", "np.array([None] * 9, dtype=object)"), "x_tr.npy", "object array");
    assertRefused(bad("many_classes", "y_te", "np.array([0, 1, 300])"), "y_te.npy", "label 300 is beyond the 256 classes");
    Path truncated = bad("truncated", "y_te", "np.array([0, 1, 2])");
    byte[] x = Files.readAllBytes(truncated.resolve("x_tr.npy"));
    Files.write(truncated.resolve("x_tr.npy"), Arrays.copyOf(x, x.length - 3));
    assertRefused(truncated, "x_tr.npy", "truncated");
    BadInputException name = assertThrows(BadInputException.class, () -> NpyDataset.load(files("int_0_16"), "Bad Name"));
    assertTrue(name.getMessage().startsWith("parameter name: must match"), name.getMessage());
  }

  /** Four files written by numpy: 8x8 images of 0..16, the labels given. */
  private static final String LABELS = """
      import os, sys, numpy as np
      d, train, test = sys.argv[1], eval(sys.argv[2]), eval(sys.argv[3])
      os.makedirs(d)
      rng = np.random.default_rng(5)
      np.save(d + '/x_tr.npy', rng.integers(0, 17, (len(train), 8, 8)))
      np.save(d + '/y_tr.npy', np.array(train, dtype=np.int64))
      np.save(d + '/x_te.npy', rng.integers(0, 17, (len(test), 8, 8)))
      np.save(d + '/y_te.npy', np.array(test, dtype=np.int64))
      """;

  private static List<String> warnings(String name, String train, String test) {
    Python.run(List.of("numpy"), LABELS, dir.resolve(name).toString(), train, test);
    return DatasetWarnings.of(NpyDataset.load(files(name), "t"));
  }

  @Test
  void labelsOnlyInTheTestSplitAndASingleTrainClassAreWarnedAboutNamingTheLabelsFile() {
    assertEquals(List.of(dir.resolve("test_only/y_te.npy") + ": test labels 11, 12 never occur in train: no model"
        + " can learn them; the dataset publishes 13 classes"),
        warnings("test_only", "[c % 11 for c in range(22)]", "[0, 11, 12, 3]"));
    assertEquals(List.of(dir.resolve("one_class/y_tr.npy") + ": every train label is 0: one class is fine for"
        + " unsupervised training, but semi-supervised training needs at least 2 and will refuse it"),
        warnings("one_class", "[0] * 9", "[0, 0, 0]"));
    assertEquals(List.of(dir.resolve("both/y_te.npy") + ": test label 1 never occurs in train: no model can learn it;"
        + " the dataset publishes 2 classes", dir.resolve("both/y_tr.npy") + ": every train label is 0: one class is"
        + " fine for unsupervised training, but semi-supervised training needs at least 2 and will refuse it"),
        warnings("both", "[0] * 9", "[0, 1, 0]"));
    assertEquals(List.of(), warnings("sound", "[c % 3 for c in range(9)]", "[2, 1, 0]"));
    // A label missing from both splits is a class nobody sees, not one only the test split has.
    assertEquals(List.of(), warnings("gap", "[0, 2, 0, 2]", "[2, 0]"));
  }
}
