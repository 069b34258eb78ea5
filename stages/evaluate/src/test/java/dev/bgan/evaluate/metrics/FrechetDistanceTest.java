package dev.bgan.evaluate.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bgan.testing.Python;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
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

  @Test
  void unitGaussiansOneApartIn2048Dimensions() {
    int d = 2048;
    double[] ones = new double[d];
    Arrays.fill(ones, 1.0);
    FeatureStatistics a = new FeatureStatistics(new double[d], CommonOps_DDRM.identity(d), 0);
    FeatureStatistics b = new FeatureStatistics(ones, CommonOps_DDRM.identity(d), 0);
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
    for (double entry : stats.covariance().data) {
      assertEquals(0.25, entry, 0.0);
    }
    double[][] small = Arrays.stream(features).map(f -> Arrays.copyOf(f, 64)).toArray(double[][]::new);
    // rank-one covariances: Tr sqrt(S S) = Tr S = 16, so the distance to itself is 0
    assertEquals(0.0, FrechetDistance.between(small, small), 1e-9);
  }

  @Test
  void matrixSquareRootSquaresBack() {
    DMatrixRMaj s = FeatureStatistics.of(gaussian(8, 200, 20, 0)).covariance();
    DMatrixRMaj root = FrechetDistance.symmetricSqrt(s);
    DMatrixRMaj square = new DMatrixRMaj(20, 20);
    CommonOps_DDRM.mult(root, root, square);
    for (int i = 0; i < s.data.length; i++) {
      assertEquals(s.data[i], square.data[i], 1e-12);
    }
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
