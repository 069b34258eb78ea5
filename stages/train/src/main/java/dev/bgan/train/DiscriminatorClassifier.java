package dev.bgan.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.bgan.dataset.ImageSplit;
import dev.bgan.train.nn.Network;

/** A discriminator used as a classifier: softmax over its outputs (K+1 for ORIG, K for HEAD) in inference mode. */
public final class DiscriminatorClassifier {
  private static final int BATCH = 500;

  private DiscriminatorClassifier() {}

  /** Row-major [count][outputs] softmax probabilities of the first {@code count} images of the split. */
  public static float[] probabilities(Network d, ImageSplit split, int count, NDManager manager) {
    return rows(d, split, count, manager, true);
  }

  /** Row-major [count][outputs] raw outputs (logits, or a critic's values) of the first {@code count} images. */
  public static float[] outputs(Network d, ImageSplit split, int count, NDManager manager) {
    return rows(d, split, count, manager, false);
  }

  private static float[] rows(Network d, ImageSplit split, int count, NDManager manager, boolean softmax) {
    float[] out = null;
    int width = 0;
    for (int start = 0; start < count; start += BATCH) {
      int n = Math.min(BATCH, count - start);
      int[] idx = new int[n];
      for (int i = 0; i < n; i++) {
        idx[i] = start + i;
      }
      try (NDManager batch = manager.newSubManager()) {
        NDArray x = batch.create(split.chwScaled(idx),
            new Shape(n, split.channels(), split.height(), split.width()));
        NDArray y = d.forward(x, false);
        float[] probs = (softmax ? y.softmax(1) : y).toFloatArray();
        if (out == null) {
          width = probs.length / n;
          out = new float[count * width];
        }
        System.arraycopy(probs, 0, out, start * width, probs.length);
      }
    }
    return out;
  }

  /**
   * Fraction of the first {@code count} images whose most probable class is their label, classes
   * being the outputs from {@code firstClass} on (1 past ORIG's fake output, 0 for HEAD's K outputs).
   */
  public static double accuracy(float[] probabilities, int firstClass, int[] labels, int count) {
    int outputs = probabilities.length / count;
    int correct = 0;
    for (int i = 0; i < count; i++) {
      if (argMax(probabilities, i * outputs + firstClass, outputs - firstClass) == labels[i]) {
        correct++;
      }
    }
    return (double) correct / count;
  }

  /** Index of the largest of {@code length} values from {@code offset}, relative to offset; ties go to the first. */
  public static int argMax(float[] values, int offset, int length) {
    int best = 0;
    for (int i = 1; i < length; i++) {
      if (values[offset + i] > values[offset + best]) {
        best = i;
      }
    }
    return best;
  }
}
