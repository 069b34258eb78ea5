package dev.bgan.evaluate.metrics;

import dev.bgan.evaluate.linalg.SymmetricMatrices;

/**
 * The mean and the sample covariance (ddof 1) of a set of feature vectors, float64, as pytorch-fid's
 * {@code np.mean(act, axis=0)}, {@code np.cov(act, rowvar=False)}; or given directly. The
 * covariance is d x d, every entry stored ({@code covariance[i * d + j]}); it is symmetric, so row-
 * and column-major read the same. It is computed by OpenBLAS's DSYRK on the centred features.
 */
public record FeatureStatistics(double[] mean, double[] covariance, int count) {
  public FeatureStatistics {
    if (covariance.length != (long) mean.length * mean.length) {
      throw new IllegalArgumentException("covariance has " + covariance.length + " entries, the mean has "
          + mean.length + " dimensions (" + mean.length + " x " + mean.length + " expected)");
    }
  }

  /** The statistics of {@code features} (n x d, n >= 2). */
  public static FeatureStatistics of(double[][] features) {
    int d = PointSets.columns("features", features, 2);
    int n = features.length;
    double[] mean = new double[d];
    for (double[] row : features) {
      for (int c = 0; c < d; c++) {
        mean[c] += row[c];
      }
    }
    for (int c = 0; c < d; c++) {
      mean[c] /= n;
    }
    return new FeatureStatistics(mean, SymmetricMatrices.centredGram(features, mean, 1.0 / (n - 1)), n);
  }

  public int dimensions() {
    return mean.length;
  }
}
