package dev.bgan.prepare.synthetic;

import dev.bgan.common.BadInputException;

/**
 * The reference's {@code SynthDataset} (bgan_synth): with numpy's legacy stream seeded by
 * {@code seed}, for each of {@code numClusters} clusters in turn, {@code mean = randn(2) * 5},
 * {@code A = randn(xDim, 2) * 5}, {@code X = (randn(n / numClusters, 2) + mean) A^T}; the clusters
 * concatenated, then every dimension standardised (population std, numpy's ddof 0). Kept in
 * float64, as numpy computes them; the label of a point is its cluster.
 */
public record SyntheticClusters(int numPoints, int numClusters, int xDim, long seed, double[] points, int[] labels) {
  /** The reference's latent dimension of each cluster's plane. */
  public static final int LATENT_DIM = 2;

  /** Generates the points. */
  public static SyntheticClusters generate(int numPoints, int numClusters, int xDim, long seed) {
    if (numClusters < 1) {
      throw BadInputException.inParameter("num_clusters", numClusters, "must be >= 1");
    }
    if (numPoints < numClusters || numPoints % numClusters != 0) {
      throw BadInputException.inParameter("num_points", numPoints,
          "must be a positive multiple of num_clusters (" + numClusters + ")");
    }
    if (xDim < 1) {
      throw BadInputException.inParameter("x_dim", xDim, "must be >= 1");
    }
    if (seed < 0 || seed > LegacyRandomState.MAX_SEED) {
      throw BadInputException.inParameter("seed", seed, "must be in 0.." + LegacyRandomState.MAX_SEED);
    }
    LegacyRandomState random = new LegacyRandomState(seed);
    int perCluster = numPoints / numClusters;
    double[] x = new double[numPoints * xDim];
    int[] labels = new int[numPoints];
    for (int c = 0; c < numClusters; c++) {
      double[] mean = scaled(random.gaussians(LATENT_DIM), 5);
      double[] a = scaled(random.gaussians(xDim * LATENT_DIM), 5);
      double[] z = random.gaussians(perCluster * LATENT_DIM);
      for (int i = 0; i < perCluster; i++) {
        int row = c * perCluster + i;
        labels[row] = c;
        double z0 = z[i * 2] + mean[0];
        double z1 = z[i * 2 + 1] + mean[1];
        for (int d = 0; d < xDim; d++) {
          x[row * xDim + d] = z0 * a[d * 2] + z1 * a[d * 2 + 1];
        }
      }
    }
    standardise(x, numPoints, xDim);
    return new SyntheticClusters(numPoints, numClusters, xDim, seed, x, labels);
  }

  private static double[] scaled(double[] values, double factor) {
    for (int i = 0; i < values.length; i++) {
      values[i] *= factor;
    }
    return values;
  }

  /** (x - mean) / std per column, std with divisor n. */
  private static void standardise(double[] x, int n, int dim) {
    for (int d = 0; d < dim; d++) {
      double sum = 0;
      for (int i = 0; i < n; i++) {
        sum += x[i * dim + d];
      }
      double mean = sum / n;
      double squares = 0;
      for (int i = 0; i < n; i++) {
        double centred = x[i * dim + d] - mean;
        squares += centred * centred;
      }
      double std = Math.sqrt(squares / n);
      for (int i = 0; i < n; i++) {
        x[i * dim + d] = (x[i * dim + d] - mean) / std;
      }
    }
  }

  /** Point {@code i} as float32, the precision the reference's networks see. */
  public float[] point(int i) {
    float[] out = new float[xDim];
    for (int d = 0; d < xDim; d++) {
      out[d] = (float) points[i * xDim + d];
    }
    return out;
  }
}
