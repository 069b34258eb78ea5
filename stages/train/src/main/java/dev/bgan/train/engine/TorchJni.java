package dev.bgan.train.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The PyTorch calls DJL's engine-neutral API does not offer, in one place: thread counts, gradient
 * mode, zeroing an accumulated gradient, and a backward that builds the gradient's own graph.
 * Everything else goes through DJL's API.
 */
public final class TorchJni {
  private TorchJni() {}

  public static int intraOpThreads() {
    return JniUtils.getNumThreads();
  }

  public static void setIntraOpThreads(int threads) {
    JniUtils.setNumThreads(threads);
  }

  /** Gradient recording outside gradient collectors: off, so that samplers may update leaf weights in place. */
  public static void disableGradientMode() {
    JniUtils.setGradMode(false);
  }

  /** Zeroes what backward accumulated into {@code w}'s gradient (DJL has no zero_grad). */
  public static void zeroGradient(NDArray w) {
    JniUtils.zeroGrad((PtNDArray) w);
  }

  /**
   * Backward from {@code output} (d output / d leaves) keeping the graph and recording the
   * gradient's own graph (create_graph), which DJL's GradientCollector cannot, so that a loss built
   * from the gradient can be differentiated again.
   */
  public static void backwardCreatingGraph(NDArray output) {
    JniUtils.backward((PtNDArray) output, (PtNDArray) output.onesLike(), true, true);
  }
}
