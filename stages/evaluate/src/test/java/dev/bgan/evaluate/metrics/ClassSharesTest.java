package dev.bgan.evaluate.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bgan.testing.Python;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Class histogram, mode count and mean confidence against numpy's argmax and bincount. */
class ClassSharesTest {
  // Sets from spread out (every class a mode) to collapsed on two classes (the logits of two classes raised).
  private static final String REFERENCE = String.join("\n",
      "import sys, numpy as np",
      "out = sys.argv[1]",
      "for name, seed, n, k, boost in [('spread', 1, 1000, 10, 0.0), ('collapsed', 2, 997, 10, 4.0),",
      "                                ('three', 3, 500, 3, 0.0)]:",
      "    logits = np.random.default_rng(seed).normal(size=(n, k))",
      "    logits[:, :2] += boost",
      "    p = np.exp(logits) / np.exp(logits).sum(1, keepdims=True)",
      "    p.tofile(out + '/' + name)",
      "    counts = np.bincount(p.argmax(1), minlength=k)",
      "    share = 1 / (2 * k)",
      "    modes = int((counts >= share * n).sum())",
      "    print(name, k, ','.join(map(str, counts)), modes, repr(float(p.max(1).mean())))");

  @Test
  void agreesWithNumpy(@TempDir Path dir) {
    List<String> lines = Python.run(List.of("numpy"), REFERENCE, dir.toString()).lines().toList();
    assertEquals(3, lines.size(), String.join("\n", lines));
    for (String line : lines) {
      String[] f = line.split(" ");
      int k = Integer.parseInt(f[1]);
      ClassShares.Result r = ClassShares.of(PointFiles.read(dir.resolve(f[0]), k), ClassShares.defaultModeShare(k));
      int[] expected = Arrays.stream(f[2].split(",")).mapToInt(Integer::parseInt).toArray();
      System.out.printf("%s: java %s modes %d conf %.12g; numpy %s modes %s conf %s%n", f[0],
          Arrays.toString(r.counts()), r.modes(), r.meanConfidence(), f[2], f[3], f[4]);
      assertArrayEquals(expected, r.counts(), f[0]);
      assertEquals(Integer.parseInt(f[3]), r.modes(), f[0]);
      assertEquals(Double.parseDouble(f[4]), r.meanConfidence(), 1e-12, f[0]);
    }
  }

  @Test
  void aClassAtExactlyTheShareIsAModeAndTiesGoToTheFirstClass() {
    // 20 rows, share 0.05: one row is exactly the share. Ties (0.5, 0.5) count for class 0, as argmax.
    double[][] probs = new double[20][];
    for (int i = 0; i < 19; i++) {
      probs[i] = new double[] {0.5, 0.5, 0};
    }
    probs[19] = new double[] {0, 0.2, 0.8};
    ClassShares.Result r = ClassShares.of(probs, 0.05);
    assertArrayEquals(new int[] {19, 0, 1}, r.counts());
    assertEquals(2, r.modes());
    assertEquals((19 * 0.5 + 0.8) / 20, r.meanConfidence(), 1e-15);
    assertEquals(1, ClassShares.of(probs, 0.06).modes());
  }

  @Test
  void badInputIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> ClassShares.of(new double[0][], 0.1));
    assertThrows(IllegalArgumentException.class, () -> ClassShares.of(new double[][] {{1, 0}, {1}}, 0.1));
    assertThrows(IllegalArgumentException.class, () -> ClassShares.of(new double[][] {{1, 0}}, 0));
  }
}
