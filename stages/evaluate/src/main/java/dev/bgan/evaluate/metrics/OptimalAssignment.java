package dev.bgan.evaluate.metrics;

import java.util.Arrays;

/**
 * The Hungarian algorithm (Kuhn-Munkres with row and column potentials, O(n^2 m)): the assignment of
 * each of n rows to a distinct one of m >= n columns of least total cost, what
 * {@code scipy.optimize.linear_sum_assignment} computes. No library on the class path offers it
 * (commons-math3 has none).
 */
public final class OptimalAssignment {
  private OptimalAssignment() {}

  /** {@code column[i]}: the column row i is assigned, for the least sum of {@code cost[i][column[i]]}. */
  public static int[] minimize(double[][] cost) {
    int n = cost.length;
    int m = n == 0 ? 0 : cost[0].length;
    for (double[] row : cost) {
      if (row.length != m) {
        throw new IllegalArgumentException("cost rows differ in length: " + row.length + " and " + m);
      }
      for (double c : row) {
        if (!Double.isFinite(c)) {
          throw new IllegalArgumentException("costs must be finite, got " + c);
        }
      }
    }
    if (n > m) {
      throw new IllegalArgumentException("more rows (" + n + ") than columns (" + m + "): transpose the costs");
    }
    // 1-based potentials u (rows), v (columns); match[j] = row matched to column j (0 = none).
    double[] u = new double[n + 1];
    double[] v = new double[m + 1];
    int[] match = new int[m + 1];
    int[] way = new int[m + 1];
    for (int i = 1; i <= n; i++) {
      match[0] = i;
      int j0 = 0;
      double[] minv = new double[m + 1];
      Arrays.fill(minv, Double.POSITIVE_INFINITY);
      boolean[] used = new boolean[m + 1];
      // Grow an alternating tree from row i along least reduced costs until it reaches a free column.
      do {
        used[j0] = true;
        int i0 = match[j0];
        double delta = Double.POSITIVE_INFINITY;
        int j1 = 0;
        for (int j = 1; j <= m; j++) {
          if (!used[j]) {
            double reduced = cost[i0 - 1][j - 1] - u[i0] - v[j];
            if (reduced < minv[j]) {
              minv[j] = reduced;
              way[j] = j0;
            }
            if (minv[j] < delta) {
              delta = minv[j];
              j1 = j;
            }
          }
        }
        for (int j = 0; j <= m; j++) {
          if (used[j]) {
            u[match[j]] += delta;
            v[j] -= delta;
          } else {
            minv[j] -= delta;
          }
        }
        j0 = j1;
      } while (match[j0] != 0);
      // Flip the augmenting path back to the root.
      do {
        int j1 = way[j0];
        match[j0] = match[j1];
        j0 = j1;
      } while (j0 != 0);
    }
    int[] column = new int[n];
    for (int j = 1; j <= m; j++) {
      if (match[j] != 0) {
        column[match[j] - 1] = j - 1;
      }
    }
    return column;
  }

  /** The same for the largest total (a contingency table's best one-to-one matching). */
  public static int[] maximize(double[][] gain) {
    double[][] cost = new double[gain.length][];
    for (int i = 0; i < gain.length; i++) {
      cost[i] = Arrays.stream(gain[i]).map(g -> -g).toArray();
    }
    return minimize(cost);
  }
}
