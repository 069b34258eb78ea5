package dev.bgan.evaluate.metrics;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_MT_DDRM;

/**
 * The mean and the sample covariance (ddof 1) of a set of feature vectors, float64, as pytorch-fid's
 * {@code np.mean(act, axis=0)}, {@code np.cov(act, rowvar=False)}; or given directly.
 */
public record FeatureStatistics(double[] mean, DMatrixRMaj covariance, int count) {
  public FeatureStatistics {
    if (covariance.numRows != mean.length || covariance.numCols != mean.length) {
      throw new IllegalArgumentException("covariance is " + covariance.numRows + " x " + covariance.numCols
          + ", the mean has " + mean.length + " dimensions");
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
    DMatrixRMaj centred = new DMatrixRMaj(n, d);
    double[] data = centred.data;
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < d; c++) {
        data[i * d + c] = features[i][c] - mean[c];
      }
    }
    DMatrixRMaj covariance = new DMatrixRMaj(d, d);
    // each output entry is one thread's dot product in a fixed order: the same bits on any thread count
    CommonOps_MT_DDRM.multTransA(1.0 / (n - 1), centred, centred, covariance);
    return new FeatureStatistics(mean, covariance, n);
  }

  public int dimensions() {
    return mean.length;
  }
}
