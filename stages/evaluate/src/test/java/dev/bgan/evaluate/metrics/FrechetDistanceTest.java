package dev.bgan.evaluate.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bgan.common.ComputeThreads;
import dev.bgan.evaluate.linalg.SymmetricMatrices;
import dev.bgan.testing.Python;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FID against pytorch-fid's computation (numpy statistics, scipy.linalg.sqrtm) on the same feature files. */
class FrechetDistanceTest {
  private static final String PYTORCH_FID = String.join("\n",
      "import sys, numpy as np",
      "from scipy import linalg",
      "def stats(f):",
      "    return np.mean(f, axis=0), np.cov(f, rowvar=False)",
      "def fid(mu1, s1, mu2, s2, eps=1e-6):",
      "    diff = mu1 - mu2",
      "    covmean = linalg.sqrtm(s1.dot(s2))",
      "    if not np.isfinite(covmean).all():",
      "        offset = np.eye(s1.shape[0]) * eps",
      "        covmean = linalg.sqrtm((s1 + offset).dot(s2 + offset))",
      "    covmean = covmean.real",
      "    return diff.dot(diff) + np.trace(s1) + np.trace(s2) - 2 * np.trace(covmean)",
      "args = sys.argv[1:]",
      "for i in range(0, len(args), 3):",
      "    d = int(args[i + 2])",
      "    a = np.fromfile(args[i], '<f8').reshape(-1, d)",
      "    b = np.fromfile(args[i + 1], '<f8').reshape(-1, d)",
      "    print(repr(float(fid(*stats(a), *stats(b)))))");

  /** n points of a d-dimensional Gaussian with a random covariance (mixing matrix) and mean shift. */
  private static double[][] gaussian(long seed, int n, int d, double shift) {
    Random random = new Random(seed);
    double[][] mixing = new double[d][d];
    for (double[] row : mixing) {
      for (int c = 0; c < d; c++) {
        row[c] = random.nextGaussian() / Math.sqrt(d);
      }
    }
    double[][] points = new double[n][d];
    double[] z = new double[d];
    for (double[] x : points) {
      for (int c = 0; c < d; c++) {
        z[c] = random.nextGaussian();
      }
      for (int r = 0; r < d; r++) {
        double s = shift;
        for (int c = 0; c < d; c++) {
          s += mixing[r][c] * z[c];
        }
        x[r] = s;
      }
    }
    return points;
  }

  /** Non-negative, skewed features such as ReLU activations: |N(0, 1)|^2 scaled per dimension. */
  private static double[][] activations(long seed, int n, int d) {
    Random random = new Random(seed);
    double[][] points = new double[n][d];
    for (double[] x : points) {
      for (int c = 0; c < d; c++) {
        double g = random.nextGaussian();
        x[c] = g * g * (1 + c % 7);
      }
    }
    return points;
  }

  @Test
  void agreesWithPytorchFidsComputation(@TempDir Path dir) {
    List<double[][][]> pairs = List.of(
        new double[][][] {gaussian(1, 500, 64, 0), gaussian(2, 700, 64, 0.3)},
        new double[][][] {gaussian(3, 400, 32, 0), gaussian(3, 400, 32, 0)},
        new double[][][] {activations(4, 300, 48), activations(5, 900, 48)},
        new double[][][] {gaussian(6, 2000, 128, 1), activations(7, 1500, 128)});
    List<String> args = new ArrayList<>();
    for (int i = 0; i < pairs.size(); i++) {
      args.add(PointFiles.write(dir, i + "a", pairs.get(i)[0]).toString());
      args.add(PointFiles.write(dir, i + "b", pairs.get(i)[1]).toString());
      args.add(Integer.toString(pairs.get(i)[0][0].length));
    }
    List<String> lines = Python.run(List.of("numpy", "scipy"), PYTORCH_FID, args.toArray(String[]::new)).lines().toList();
    assertEquals(pairs.size(), lines.size(), String.join("\n", lines));
    for (int i = 0; i < pairs.size(); i++) {
      double expected = Double.parseDouble(lines.get(i));
      double actual = FrechetDistance.between(pairs.get(i)[0], pairs.get(i)[1]);
      System.out.printf("set %d: java %.12g scipy %.12g%n", i, actual, expected);
      if (i == 1) {
        assertEquals(expected, actual, 1e-9, "identical sets"); // 0 up to rounding (~1e-13): no relative check
      } else {
        assertEquals(expected, actual, 1e-6 * expected, "set " + i);
      }
    }
  }

  /** numpy's own random sets (seeded there): sample sizes, FID by scipy's sqrtm (pytorch-fid) and by numpy's eigh. */
  private static final String NUMPY_SETS = String.join("\n",
      "import sys, os, numpy as np",
      "from scipy import linalg",
      "out = sys.argv[1]",
      "rng = np.random.default_rng(20240611)",
      "def gaussian(n, d, spectrum, shift):",
      "    q, _ = np.linalg.qr(rng.standard_normal((d, d)))",
      "    return rng.standard_normal((n, d)) @ (q * np.sqrt(spectrum)).T + shift * rng.standard_normal(d)",
      "def relu(n, d, dead):",
      "    x = np.maximum(rng.standard_normal((n, d)) @ rng.standard_normal((d, d)) / np.sqrt(d), 0)",
      "    x[:, :dead] = 0  # units that never fire: zero variance",
      "    return x",
      "cases = {",
      "    'wide_spectrum': (gaussian(400, 96, np.logspace(-4, 2, 96), 0.5), gaussian(600, 96, np.logspace(2, -3, 96), 0)),",
      "    'd_gt_n_both': (gaussian(60, 128, np.logspace(-1, 1, 128), 0.2), gaussian(90, 128, np.ones(128), 0)),",
      "    'd_gt_n_one': (gaussian(40, 100, np.logspace(-2, 1, 100), 1.0), gaussian(1000, 100, np.logspace(1, -2, 100), 0)),",
      "    'relu_dead_units': (relu(300, 64, 5), relu(500, 64, 9)),",
      "}",
      "def stats(f):",
      "    return np.mean(f, axis=0), np.cov(f, rowvar=False)",
      "def sqrtm_fid(mu1, s1, mu2, s2, eps=1e-6):",
      "    covmean = linalg.sqrtm(s1.dot(s2))",
      "    if not np.isfinite(covmean).all():",
      "        offset = np.eye(s1.shape[0]) * eps",
      "        covmean = linalg.sqrtm((s1 + offset).dot(s2 + offset))",
      "    diff = mu1 - mu2",
      "    return diff.dot(diff) + np.trace(s1) + np.trace(s2) - 2 * np.trace(covmean.real)",
      "def eigh_fid(mu1, s1, mu2, s2):",
      "    w, v = np.linalg.eigh(s1)",
      "    r = (v * np.sqrt(np.clip(w, 0, None))) @ v.T",
      "    e = np.linalg.eigvalsh(r @ s2 @ r)",
      "    diff = mu1 - mu2",
      "    return diff.dot(diff) + np.trace(s1) + np.trace(s2) - 2 * np.sqrt(np.clip(e, 0, None)).sum()",
      "for name, (a, b) in cases.items():",
      "    a.tofile(os.path.join(out, name + '_a')); b.tofile(os.path.join(out, name + '_b'))",
      "    sa, sb = stats(a), stats(b)",
      "    print(name, a.shape[1], repr(float(sqrtm_fid(*sa, *sb))), repr(float(eigh_fid(*sa, *sb))))");

  @Test
  void agreesWithScipyOnNumpysRandomSetsRankDeficientToo(@TempDir Path dir) {
    String output = Python.run(List.of("numpy", "scipy"), NUMPY_SETS, dir.toString());
    // scipy warns (on the merged stderr) that a singular product may have no square root: not a result line
    List<String> lines = output.lines().filter(l -> l.matches("\\w+ \\d+ \\S+ \\S+")).toList();
    assertEquals(4, lines.size(), output);
    for (String line : lines) {
      String[] f = line.split(" ");
      int d = Integer.parseInt(f[1]);
      double sqrtm = Double.parseDouble(f[2]);
      double eigh = Double.parseDouble(f[3]);
      double[][] a = PointFiles.read(dir.resolve(f[0] + "_a"), d);
      double[][] b = PointFiles.read(dir.resolve(f[0] + "_b"), d);
      double actual = FrechetDistance.between(a, b);
      System.out.printf("%s (%d and %d samples of %d dims): java %.12g scipy sqrtm %.12g numpy eigh %.12g%n",
          f[0], a.length, b.length, d, actual, sqrtm, eigh);
      assertEquals(sqrtm, actual, 1e-6 * sqrtm, f[0] + " against scipy's sqrtm");
      // where a covariance is singular, the square roots of its rounding-sized eigenvalues (~1e-7 each) make
      // any two exact methods differ by ~1e-8 relative (scipy's sqrtm and numpy's eigh do too)
      assertEquals(eigh, actual, 1e-6 * eigh, f[0] + " against numpy's eigh");
    }
  }

  @Test
  void sameInputsAndThreadsGiveTheSameBits() {
    double[][] a = gaussian(11, 1200, 300, 0);
    double[][] b = activations(12, 900, 300);
    String saved = System.getProperty(ComputeThreads.PROPERTY);
    try {
      for (int threads : new int[] {1, 2, 4}) {
        System.setProperty(ComputeThreads.PROPERTY, Integer.toString(threads));
        double first = FrechetDistance.between(a, b);
        double second = FrechetDistance.between(a, b);
        System.out.printf("threads %d: %s %s%n", threads, first, second);
        assertEquals(Double.doubleToRawLongBits(first), Double.doubleToRawLongBits(second), threads + " threads");
      }
    } finally {
      if (saved == null) {
        System.clearProperty(ComputeThreads.PROPERTY);
      } else {
        System.setProperty(ComputeThreads.PROPERTY, saved);
      }
    }
  }

  private static double[] identity(int d) {
    double[] m = new double[d * d];
    for (int i = 0; i < d; i++) {
      m[i * d + i] = 1;
    }
    return m;
  }

  @Test
  void unitGaussiansOneApartIn2048Dimensions() {
    int d = 2048;
    double[] ones = new double[d];
    Arrays.fill(ones, 1.0);
    FeatureStatistics a = new FeatureStatistics(new double[d], identity(d), 0);
    FeatureStatistics b = new FeatureStatistics(ones, identity(d), 0);
    assertEquals(2048.0, FrechetDistance.fromStatistics(a, b), 1e-9 * 2048);
  }

  @Test
  void pytorchFidsToyImages() {
    // features of three images, all 0, all 0.5, all 1: mean 0.5, every covariance entry 0.25
    int d = 2048;
    double[][] features = new double[3][d];
    Arrays.fill(features[1], 0.5);
    Arrays.fill(features[2], 1.0);
    FeatureStatistics stats = FeatureStatistics.of(features);
    for (int i = 0; i < d; i++) {
      assertEquals(0.5, stats.mean()[i], 0.0);
    }
    for (double entry : stats.covariance()) {
      assertEquals(0.25, entry, 0.0);
    }
    double[][] small = Arrays.stream(features).map(f -> Arrays.copyOf(f, 64)).toArray(double[][]::new);
    // rank-one covariances: Tr sqrt(S S) = Tr S = 16, so the distance to itself is 0
    assertEquals(0.0, FrechetDistance.between(small, small), 1e-9);
  }

  @Test
  void traceOfTheSquareRootOfAProduct() {
    int d = 20;
    double[] s = FeatureStatistics.of(gaussian(8, 200, d, 0)).covariance();
    // Tr sqrt(S S) = Tr S; Tr sqrt(S I) = the sum of the square roots of S's eigenvalues
    assertEquals(SymmetricMatrices.trace(s, d), FrechetDistance.traceSqrtProduct(s, s, d), 1e-12);
    double roots = 0;
    for (double value : SymmetricMatrices.eigenvalues(s, d)) {
      roots += Math.sqrt(value);
    }
    assertEquals(roots, FrechetDistance.traceSqrtProduct(s, identity(d), d), 1e-12);
    assertEquals(roots, FrechetDistance.traceSqrtProduct(identity(d), s, d), 1e-12);
  }

  @Test
  void nonFiniteStatisticsAreRefused() {
    double[] covariance = identity(3);
    covariance[5] = Double.NaN;
    FeatureStatistics a = new FeatureStatistics(new double[3], covariance, 0);
    FeatureStatistics b = new FeatureStatistics(new double[3], identity(3), 0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FrechetDistance.fromStatistics(b, a));
    assertEquals("the second set's statistics: covariance entry (1, 2) is NaN", e.getMessage());
  }

  @Test
  void fewerSamplesThanDimensionsIsWarnedAbout() {
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      FrechetDistance.between(gaussian(9, 10, 16, 0), gaussian(10, 50, 16, 0));
    } finally {
      System.setErr(err);
    }
    String log = captured.toString(StandardCharsets.UTF_8);
    assertTrue(log.contains("10 samples of 16-dimensional features: the covariance is rank-deficient"), log);
    assertTrue(!log.contains("50 samples"), log);
  }
}
