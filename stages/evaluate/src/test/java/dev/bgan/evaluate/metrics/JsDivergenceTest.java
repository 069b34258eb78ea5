package dev.bgan.evaluate.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bgan.testing.Python;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** analyze_div against a numpy + scipy.stats.gaussian_kde re-implementation on the same point files. */
class JsDivergenceTest {
  // analyze_div with numpy's SVD for the PCA (sign: the largest |score| positive, as scikit-learn < 1.5)
  // and scipy's gaussian_kde; also the value with both components' signs flipped.
  private static final String ANALYZE_DIV = String.join("\n",
      "import sys, numpy as np",
      "from scipy import stats",
      "def js(tr, tf):",
      "    def kl(p, q):",
      "        p = np.maximum(p, 1e-10); q = np.maximum(q, 1e-10)",
      "        return np.sum(p * (np.log(p) - np.log(q)))",
      "    dx = dy = 0.1",
      "    xs = np.arange(tr[:, 0].min() - 3.0, tr[:, 0].max() + 3.0, dx)",
      "    ys = np.arange(tr[:, 1].min() - 3.0, tr[:, 1].max() + 3.0, dy)",
      "    space = np.dstack(np.meshgrid(xs, ys)).reshape(-1, 2).T",
      "    p = stats.gaussian_kde(tr.T)(space) * dx * dy",
      "    q = stats.gaussian_kde(tf.T)(space) * dx * dy",
      "    m = (p + q) / 2.",
      "    return (kl(p, m) + kl(q, m)) / 2.",
      "args = sys.argv[1:]",
      "for i in range(0, len(args), 4):",
      "    d = int(args[i + 3])",
      "    real = np.fromfile(args[i], '<f8').reshape(-1, d)",
      "    fake = np.fromfile(args[i + 1], '<f8').reshape(-1, d)",
      "    mean = real.mean(axis=0)",
      "    u, s, vt = np.linalg.svd(real - mean, full_matrices=False)",
      "    v = vt[:2]",
      "    scores = (real - mean) @ v.T",
      "    signs = np.sign(scores[np.argmax(np.abs(scores), axis=0), [0, 1]])",
      "    v = v * signs[:, None]",
      "    tr, tf = (real - mean) @ v.T, (fake - mean) @ v.T",
      "    print(args[i + 2], repr(float(js(tr, tf))), repr(float(js(-tr, -tf))))");

  private record Case(String name, double[][] real, double[][] fake) {}

  @Test
  void agreesWithScipyOnSyntheticLikeSets(@TempDir Path dir) {
    double[][] real = PointFiles.clusters(1234, 10, 200, 10, 5);
    // fakes: the same clusters with new noise, a collapse onto the first two clusters, a shifted copy
    double[][] same = PointFiles.clusters(1234, 10, 200, 10, 5);
    Random noise = new Random(7);
    for (double[] row : same) {
      for (int k = 0; k < row.length; k++) {
        row[k] += 0.5 * noise.nextGaussian();
      }
    }
    double[][] collapsed = Arrays.copyOf(real, 400);
    double[][] shifted = Arrays.stream(real).map(r -> Arrays.stream(r).map(v -> v + 0.5).toArray()).toArray(double[][]::new);
    List<Case> cases = List.of(new Case("same", real, same), new Case("collapsed", real, collapsed),
        new Case("shifted", real, shifted),
        new Case("plane", PointFiles.ring(3, 8, 300, 6), PointFiles.ring(4, 3, 200, 6)));
    List<String> args = new java.util.ArrayList<>();
    for (Case c : cases) {
      args.add(PointFiles.write(dir, c.name() + "-real", c.real()).toString());
      args.add(PointFiles.write(dir, c.name() + "-fake", c.fake()).toString());
      args.add(c.name());
      args.add(Integer.toString(c.real()[0].length));
    }
    String output = Python.run(List.of("numpy", "scipy"), ANALYZE_DIV, args.toArray(String[]::new));
    List<String> lines = output.lines().toList();
    assertEquals(cases.size(), lines.size(), output);
    double previous = -1;
    for (int i = 0; i < cases.size(); i++) {
      String[] fields = lines.get(i).split(" ");
      Case c = cases.get(i);
      double expected = Double.parseDouble(fields[1]);
      double flipped = Double.parseDouble(fields[2]);
      double actual = JsDivergence.between(c.real(), c.fake());
      System.out.printf("%s: java %.12g scipy %.12g scipy-flipped %.12g%n", c.name(), actual, expected, flipped);
      assertEquals(expected, actual, 1e-6 * expected, c.name());
      // the components' signs move the grid by less than a step: the divergence barely changes
      assertEquals(expected, flipped, 1e-3 * expected, c.name() + " with flipped signs");
      assertTrue(expected > 0 && expected < Math.log(2), c.name());
    }
  }

  @Test
  void identicalSetsHaveZeroDivergence() {
    double[][] real = PointFiles.ring(5, 4, 100, 5);
    assertEquals(0.0, JsDivergence.between(real, real), 1e-15);
  }

  @Test
  void gridFollowsNumpyArange() {
    // np.arange(-17.3, 4.25, 0.1): 216 values, delta = (-17.3 + 0.1) - (-17.3)
    GridAxis axis = GridAxis.arange(-17.3, 4.25, 0.1);
    assertEquals(216, axis.count());
    assertEquals((-17.3 + 0.1) - -17.3, axis.delta(), 0.0);
    assertEquals(-17.3 + 215 * ((-17.3 + 0.1) - -17.3), axis.value(215), 0.0);
  }

  @Test
  void pointsOnALineAreRejected() {
    double[][] line = new double[50][2];
    for (int i = 0; i < line.length; i++) {
      line[i][0] = i;
      line[i][1] = 2 * i;
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> JsDivergence.inPlane(PointFiles.ring(1, 3, 50, 4), line));
    assertTrue(e.getMessage().startsWith("fake points: the points lie on a line"), e.getMessage());
  }
}
