package dev.bgan.evaluate.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bgan.testing.Python;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The Hungarian algorithm against scipy.optimize.linear_sum_assignment on random cost matrices
 * (square and rectangular, continuous and integer costs with many ties, negative costs), and the
 * clustering accuracy against the same on labelings drawn in numpy.
 */
class OptimalAssignmentTest {
  private static final String ASSIGNMENTS = String.join("\n",
      "import numpy as np",
      "from scipy.optimize import linear_sum_assignment",
      "rng = np.random.default_rng(13)",
      "cases = [rng.random((1, 1)), rng.random((3, 3)), rng.random((10, 10)), rng.integers(0, 4, (10, 10)) * 1.0,",
      "         rng.random((4, 7)), rng.normal(size=(30, 30)), rng.integers(-50, 50, (12, 15)) * 1.0,",
      "         np.ones((5, 5))]",
      "for c in cases:",
      "    r, k = linear_sum_assignment(c)",
      "    print(c.shape[0], c.shape[1], ','.join(repr(float(v)) for v in c.ravel()), repr(float(c[r, k].sum())))");

  private static final String CLUSTERINGS = String.join("\n",
      "import numpy as np",
      "from scipy.optimize import linear_sum_assignment",
      "rng = np.random.default_rng(7)",
      "for n, noise in [(500, 0.0), (1000, 0.2), (2000, 0.6), (300, 1.0)]:",
      "    labels = rng.integers(0, 10, n)",
      "    clusters = rng.permutation(10)[labels]",
      "    flip = rng.random(n) < noise",
      "    clusters[flip] = rng.integers(0, 10, flip.sum())",
      "    table = np.zeros((10, 10))",
      "    np.add.at(table, (clusters, labels), 1)",
      "    r, k = linear_sum_assignment(table, maximize=True)",
      "    print(','.join(map(str, clusters)), ','.join(map(str, labels)), repr(float(table[r, k].sum() / n)))");

  @Test
  void leastTotalCostAgreesWithScipy() {
    List<String> lines = Python.run(List.of("numpy", "scipy"), ASSIGNMENTS).lines().toList();
    assertEquals(8, lines.size(), String.join("\n", lines));
    for (String line : lines) {
      String[] f = line.split(" ");
      int rows = Integer.parseInt(f[0]);
      int cols = Integer.parseInt(f[1]);
      double[] flat = Arrays.stream(f[2].split(",")).mapToDouble(Double::parseDouble).toArray();
      double[][] cost = new double[rows][];
      for (int i = 0; i < rows; i++) {
        cost[i] = Arrays.copyOfRange(flat, i * cols, (i + 1) * cols);
      }
      int[] column = OptimalAssignment.minimize(cost);
      Set<Integer> distinct = new HashSet<>();
      double total = 0;
      for (int i = 0; i < rows; i++) {
        distinct.add(column[i]);
        total += cost[i][column[i]];
      }
      assertEquals(rows, distinct.size(), "columns used twice: " + Arrays.toString(column));
      // Ties may pick another assignment of the same total: compare totals.
      assertEquals(Double.parseDouble(f[3]), total, 1e-9, rows + "x" + cols);
    }
  }

  @Test
  void clusteringAccuracyAgreesWithScipy() {
    List<String> lines = Python.run(List.of("numpy", "scipy"), CLUSTERINGS).lines().toList();
    assertEquals(4, lines.size());
    for (String line : lines) {
      String[] f = line.split(" ");
      int[] clusters = Arrays.stream(f[0].split(",")).mapToInt(Integer::parseInt).toArray();
      int[] labels = Arrays.stream(f[1].split(",")).mapToInt(Integer::parseInt).toArray();
      ClusteringAccuracy score = ClusteringAccuracy.of(clusters, labels, 10, 10);
      assertEquals(Double.parseDouble(f[2]), score.accuracy(), 1e-12);
    }
  }

  @Test
  void aRelabelingIsPerfectAndItsMappingIsFound() {
    int[] labels = {0, 1, 2, 2, 1, 0, 2};
    int[] clusters = {2, 0, 1, 1, 0, 2, 1};
    ClusteringAccuracy score = ClusteringAccuracy.of(clusters, labels, 3, 3);
    assertEquals(1.0, score.accuracy(), 0);
    assertArrayEquals(new int[] {1, 2, 0}, score.labelOfCluster());
    // One cluster for everything: it can be mapped to one label only.
    assertEquals(3.0 / 7, ClusteringAccuracy.of(new int[7], labels, 3, 3).accuracy(), 1e-12);
  }

  @Test
  void badCostsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> OptimalAssignment.minimize(new double[][] {{1, 2}, {3}}));
    assertThrows(IllegalArgumentException.class, () -> OptimalAssignment.minimize(new double[][] {{1}, {2}}));
    assertThrows(IllegalArgumentException.class,
        () -> OptimalAssignment.minimize(new double[][] {{Double.NaN, 1}, {1, 0}}));
  }
}
