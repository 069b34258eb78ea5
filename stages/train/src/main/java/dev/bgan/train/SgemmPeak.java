package dev.bgan.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * The machine's practical float32 limit as training sees it: the best rate of square matrix
 * products through the engine (PyTorch's CPU BLAS, with the process's thread count), in the same
 * process as the benchmark it anchors.
 */
public final class SgemmPeak {
  private SgemmPeak() {}

  /** Best GFLOP/s of {@code n} x {@code n} products over {@code repeats} timed ones, after two untimed. */
  public static double measure(int n, int repeats) {
    try (NDManager m = NDManager.newBaseManager(TorchRuntime.device("cpu"), TorchRuntime.engine().getEngineName())) {
      NDArray a = m.randomUniform(-1f, 1f, new Shape(n, n), DataType.FLOAT32);
      NDArray b = m.randomUniform(-1f, 1f, new Shape(n, n), DataType.FLOAT32);
      double best = Double.MAX_VALUE;
      for (int r = -2; r < repeats; r++) {
        long start = System.nanoTime();
        // PyTorch's CPU operators return once the product is computed.
        try (NDArray c = a.matMul(b)) {
          double seconds = (System.nanoTime() - start) / 1e9;
          if (r >= 0) {
            best = Math.min(best, seconds);
          }
        }
      }
      return 2.0 * n * n * n / best / 1e9;
    }
  }
}
