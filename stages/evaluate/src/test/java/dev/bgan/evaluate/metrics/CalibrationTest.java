package dev.bgan.evaluate.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bgan.testing.Python;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Expected calibration error and the reliability diagram's bins against numpy (Guo et al.'s
 * definition: top-label confidence, equal-width bins (lo, hi], |accuracy - confidence| weighted by
 * the bin's share of the points) on Dirichlet probability sets with labels drawn from them (roughly
 * calibrated) and from a uniform (over-confident).
 */
class CalibrationTest {
  private static final String REFERENCE = String.join("\n",
      "import sys, numpy as np",
      "out = sys.argv[1]",
      "rng = np.random.default_rng(2017)",
      "for name, n, k, alpha, bins, honest in [('calibrated-10', 2000, 10, 0.3, 15, True),",
      "                                         ('overconfident-10', 1500, 10, 0.2, 15, False),",
      "                                         ('two-classes', 777, 2, 1.0, 10, True),",
      "                                         ('one-bin', 300, 5, 0.5, 1, True),",
      "                                         ('many-bins', 1000, 32, 0.1, 40, False)]:",
      "    p = rng.dirichlet([alpha] * k, size=n)",
      "    y = np.array([rng.choice(k, p=row) for row in p]) if honest else rng.integers(0, k, size=n)",
      "    p.tofile(out + '/' + name)",
      "    y.astype(np.float64).tofile(out + '/' + name + '.labels')",
      "    conf = p.max(axis=1)",
      "    correct = (p.argmax(axis=1) == y).astype(float)",
      "    edges = np.arange(bins + 1) / bins",
      "    ece = 0.0",
      "    counts, accs, confs = [], [], []",
      "    for b in range(bins):",
      "        inside = (conf > edges[b]) & (conf <= edges[b + 1]) if b > 0 else (conf <= edges[1])",
      "        m = int(inside.sum())",
      "        counts.append(m)",
      "        accs.append(correct[inside].mean() if m else 0.0)",
      "        confs.append(conf[inside].mean() if m else 0.0)",
      "        if m:",
      "            ece += m / n * abs(accs[-1] - confs[-1])",
      "    print(name, k, bins, repr(float(ece)), ','.join(map(str, counts)),",
      "          ','.join(repr(float(a)) for a in accs), ','.join(repr(float(c)) for c in confs))");

  @Test
  void agreesWithNumpy(@TempDir Path dir) throws Exception {
    List<String> lines = Python.run(List.of("numpy"), REFERENCE, dir.toString()).lines().toList();
    assertEquals(5, lines.size(), String.join("\n", lines));
    for (String line : lines) {
      String[] f = line.split(" ");
      int classes = Integer.parseInt(f[1]);
      int bins = Integer.parseInt(f[2]);
      double[][] probs = PointFiles.read(dir.resolve(f[0]), classes);
      double[][] labelColumn = PointFiles.read(dir.resolve(f[0] + ".labels"), 1);
      int[] labels = new int[labelColumn.length];
      for (int i = 0; i < labels.length; i++) {
        labels[i] = (int) labelColumn[i][0];
      }
      Calibration.Result r = Calibration.of(probs, labels, bins);
      System.out.printf("%-18s ECE java %.15g numpy %s%n", f[0], r.expectedCalibrationError(), f[3]);
      assertEquals(Double.parseDouble(f[3]), r.expectedCalibrationError(), 1e-9, f[0]);
      assertArrayEquals(java.util.Arrays.stream(f[4].split(",")).mapToInt(Integer::parseInt).toArray(), r.binCount(), f[0]);
      assertArrayEquals(java.util.Arrays.stream(f[5].split(",")).mapToDouble(Double::parseDouble).toArray(),
          r.binAccuracy(), 1e-9, f[0]);
      assertArrayEquals(java.util.Arrays.stream(f[6].split(",")).mapToDouble(Double::parseDouble).toArray(),
          r.binConfidence(), 1e-9, f[0]);
      assertEquals(probs.length, r.count());
    }
  }

  @Test
  void aWorkedExample() {
    // confidences 0.9 (right), 0.9 (wrong), 0.6 (right), 0.55 (right); 10 bins:
    // bin (0.8, 0.9]: accuracy 0.5, confidence 0.9; bin (0.5, 0.6]: accuracy 1, confidence 0.575
    double[][] p = {{0.9, 0.1}, {0.1, 0.9}, {0.4, 0.6}, {0.55, 0.45}};
    int[] y = {0, 0, 1, 0};
    Calibration.Result r = Calibration.of(p, y, 10);
    assertEquals(0.5 * 0.4 + 0.5 * 0.425, r.expectedCalibrationError(), 1e-15);
    assertEquals(2, r.binCount()[8]);
    assertEquals(2, r.binCount()[5]);
    assertEquals(0.75, r.accuracy(), 1e-15);
  }

  @Test
  void orientOutputsDropTheFakeClassAndRenormalise() {
    float[] outputs = {0.5f, 0.25f, 0.25f, 0.0f, 0.2f, 0.8f};
    double[][] classes = Calibration.classDistributions(outputs, 2, 1);
    assertArrayEquals(new double[] {0.5, 0.5}, classes[0], 1e-15);
    assertArrayEquals(new double[] {0.2f / (0.2f + 0.8f), 0.8f / (0.2f + 0.8f)}, classes[1], 1e-7);
  }

  @Test
  void badInputIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> Calibration.of(new double[][] {{0.5, 0.5}}, new int[] {0}, 0));
    assertThrows(IllegalArgumentException.class, () -> Calibration.of(new double[][] {{1.5, -0.5}}, new int[] {0}, 5));
    assertThrows(IllegalArgumentException.class, () -> Calibration.of(new double[][] {{0.5, 0.5}}, new int[0], 5));
  }
}
