package dev.bgan.evaluate.features;

import ai.djl.ndarray.NDArray;
import dev.bgan.proto.FeatureNetworkRef;

/** A network that maps NCHW images in [-1, 1] to feature vectors and, where it can, class probabilities. */
public interface FeatureNetwork extends AutoCloseable {
  /** Features and class probabilities of one batch; its arrays may be closed once this returns. */
  Outputs apply(NDArray images);

  /** Whether {@link Outputs#probabilities} is filled: the Inception Score needs it. */
  boolean hasProbabilities();

  /** Which network this is, for the metrics that used it. */
  FeatureNetworkRef describe();

  @Override
  void close();

  /** One row per image; {@code probabilities} is null when the network has no class head. */
  record Outputs(double[][] features, double[][] probabilities) {}

  /** The rows of a (n, ...) array, flattened, in float64. */
  static double[][] rows(NDArray array) {
    int n = Math.toIntExact(array.getShape().get(0));
    float[] flat = array.toFloatArray();
    int d = flat.length / n;
    double[][] rows = new double[n][d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        rows[i][j] = flat[i * d + j];
      }
    }
    return rows;
  }
}
