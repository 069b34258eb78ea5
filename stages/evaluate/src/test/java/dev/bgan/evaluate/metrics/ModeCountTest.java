package dev.bgan.evaluate.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bgan.testing.Python;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The least-AIC mixture size against scikit-learn's GaussianMixture on well-separated clusters. */
class ModeCountTest {
  // Gaussian clusters of unit covariance, centres on a circle of radius 3 x clusters; the seeds are
  // ones where scikit-learn's least AIC is at the true count by a clear margin (asserted below).
  private static final String GMM_MS = String.join("\n",
      "import sys, numpy as np",
      "from sklearn.mixture import GaussianMixture",
      "out = sys.argv[1]",
      "for name, seed, c, m in [('three', 1, 3, 100), ('five', 2, 5, 100), ('ten', 2, 10, 50)]:",
      "    rng = np.random.default_rng(seed)",
      "    x = np.concatenate([rng.standard_normal((m, 2)) + [3 * c * np.cos(2 * np.pi * i / c),",
      "                        3 * c * np.sin(2 * np.pi * i / c)] for i in range(c)])",
      "    x.tofile(out + '/' + name)",
      "    aics = [GaussianMixture(n_components=k, covariance_type='full', random_state=0).fit(x).aic(x)",
      "            for k in range(1, 20)]",
      "    print(name, int(np.argmin(aics)) + 1, ' '.join(repr(float(a)) for a in aics))");

  @Test
  void countsWellSeparatedClustersAsScikitLearnDoes(@TempDir Path dir) {
    List<String> lines = Python.run(List.of("sklearn"), GMM_MS, dir.toString()).lines().toList();
    int[] expected = {3, 5, 10};
    assertEquals(expected.length, lines.size(), String.join("\n", lines));
    for (int i = 0; i < expected.length; i++) {
      String[] fields = lines.get(i).split(" ");
      double[] sklearnAic = new double[ModeCount.MAX_COMPONENTS + 1];
      for (int k = 1; k <= ModeCount.MAX_COMPONENTS; k++) {
        sklearnAic[k] = Double.parseDouble(fields[k + 1]);
      }
      ModeCount.Result result = ModeCount.count(PointFiles.read(dir.resolve(fields[0]), 2), 1);
      for (ModeCount.Fit fit : result.fits()) {
        System.out.printf("%s k=%d aic java %.6f sklearn %.6f converged %s %s%n", fields[0], fit.components(),
            fit.aic(), sklearnAic[fit.components()], fit.converged(), fit.failure());
      }
      int truth = expected[i];
      assertEquals(truth, Integer.parseInt(fields[1]), "scikit-learn's count of " + fields[0]);
      for (int k = 1; k <= ModeCount.MAX_COMPONENTS; k++) {
        assertTrue(k == truth || sklearnAic[k] > sklearnAic[truth] + 5, fields[0] + ": margin at k=" + k);
      }
      assertEquals(truth, result.modes(), "count of " + fields[0]);
      // at the true k both find the same mixture: the AICs agree closely
      assertEquals(sklearnAic[truth], result.fits().get(truth - 1).aic(), 1e-4 * Math.abs(sklearnAic[truth]),
          fields[0] + ": AIC at k=" + truth);
    }
  }

  @Test
  void sameSeedSameFits() {
    double[][] points = PointFiles.ring(21, 4, 100, 6);
    assertEquals(ModeCount.count(points, 5), ModeCount.count(points, 5));
  }

  @Test
  void aicCountsScikitLearnsParameters() {
    ModeCount.Fit fit = ModeCount.fit(PointFiles.ring(22, 2, 100, 6), 2, 2, 1);
    // k d + k d (d + 1) / 2 + k - 1 = 4 + 6 + 1
    assertEquals(11, fit.parameters());
    assertEquals(-2 * fit.logLikelihood() + 22, fit.aic(), 1e-9);
  }

  @Test
  void pointsOnALineHaveNoMixture() {
    // every covariance EM estimates is singular: no k is a candidate
    double[][] line = new double[40][];
    for (int i = 0; i < line.length; i++) {
      line[i] = new double[] {i, 2 * i};
    }
    assertFalse(ModeCount.fit(line, 2, 1, 1).usable());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModeCount.count(line, 1));
    assertTrue(e.getMessage().startsWith("points: no Gaussian mixture"), e.getMessage());
  }
}
