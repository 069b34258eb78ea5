package dev.bgan.evaluate.metrics;

import dev.bgan.evaluate.linalg.SymmetricMatrices;
import java.util.Arrays;

/**
 * PCA with two components, as scikit-learn's {@code PCA(n_components=2)} that the reference's
 * analyze_div uses: fitted on one point set (centred), then applied to any other. The components
 * are the eigenvectors of the two largest eigenvalues of the centred scatter matrix X^T X (OpenBLAS's
 * DSYRK, LAPACK's DSYEVD), the right singular vectors scikit-learn's SVD finds: d x d work
 * instead of an SVD of the n x d data.
 *
 * <p>A component's sign is arbitrary; it is fixed as scikit-learn before 1.5 (the reference's) fixes
 * it: the fitted point with the largest absolute score on a component scores positive. The sign
 * moves the KDE grid of {@link JsDivergence} by less than one step, which changes the divergence
 * only in its last digits (the tests measure how much).
 */
public final class PrincipalPlane {
  private final double[] mean;
  private final double[][] components; // 2 x d

  private PrincipalPlane(double[] mean, double[][] components) {
    this.mean = mean;
    this.components = components;
  }

  /** Fits the plane of the two largest principal components of {@code points} (n >= 2 rows, d >= 2 columns). */
  public static PrincipalPlane fit(double[][] points) {
    int d = PointSets.columns("points", points, 2);
    if (d < 2) {
      throw new IllegalArgumentException("points: PCA to two components needs at least 2 columns, got " + d);
    }
    int n = points.length;
    double[] mean = new double[d];
    for (double[] p : points) {
      for (int c = 0; c < d; c++) {
        mean[c] += p[c];
      }
    }
    for (int c = 0; c < d; c++) {
      mean[c] /= n;
    }
    double[][] centred = new double[n][d];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < d; c++) {
        centred[i][c] = points[i][c] - mean[c];
      }
    }
    double[] vectors = new double[d * d];
    // eigenvalues ascending: the largest two are the last two; eigenvector j is vectors[j d, j d + d)
    SymmetricMatrices.eigen(SymmetricMatrices.centredGram(points, mean, 1.0), d, vectors);
    int[] order = {d - 1, d - 2};
    double[][] components = new double[2][];
    for (int k = 0; k < 2; k++) {
      double[] component = Arrays.copyOfRange(vectors, order[k] * d, order[k] * d + d);
      double largest = 0;
      for (double[] row : centred) {
        double score = dot(row, component);
        if (Math.abs(score) > Math.abs(largest)) {
          largest = score;
        }
      }
      if (largest < 0) {
        for (int c = 0; c < d; c++) {
          component[c] = -component[c];
        }
      }
      components[k] = component;
    }
    return new PrincipalPlane(mean, components);
  }

  /** The two principal-component scores of each of {@code points} (n x 2). */
  public double[][] project(double[][] points) {
    int d = PointSets.columns("points", points, 1);
    if (d != mean.length) {
      throw new IllegalArgumentException("points have " + d + " columns, the plane was fitted on " + mean.length);
    }
    double[][] scores = new double[points.length][2];
    double[] centred = new double[d];
    for (int i = 0; i < points.length; i++) {
      for (int c = 0; c < d; c++) {
        centred[c] = points[i][c] - mean[c];
      }
      scores[i][0] = dot(centred, components[0]);
      scores[i][1] = dot(centred, components[1]);
    }
    return scores;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int c = 0; c < a.length; c++) {
      s += a[c] * b[c];
    }
    return s;
  }
}
