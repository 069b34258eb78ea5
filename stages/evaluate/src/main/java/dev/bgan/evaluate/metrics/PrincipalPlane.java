package dev.bgan.evaluate.metrics;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * PCA with two components, as scikit-learn's {@code PCA(n_components=2)} that the reference's
 * analyze_div uses: fitted on one point set (centred, SVD), then applied to any other.
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
    RealMatrix v = new SingularValueDecomposition(new Array2DRowRealMatrix(centred, false)).getV();
    double[][] components = new double[2][];
    for (int k = 0; k < 2; k++) {
      double[] component = v.getColumn(k);
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
