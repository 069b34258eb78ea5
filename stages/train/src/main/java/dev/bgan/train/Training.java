package dev.bgan.train;

import ai.djl.ndarray.NDArray;

/** What the training steps share: the divergence check and the batch accuracy the log shows. */
final class Training {
  private Training() {}

  static float finite(String what, float value, int t) {
    if (!Float.isFinite(value)) {
      throw new TrainingDivergedException(what + " is " + value + " at iteration " + (t + 1)
          + "; the last saved checkpoint is kept");
    }
    return value;
  }

  /** Accuracy of {@code logits}' most probable class (past the objective's fake output) against {@code classes}. */
  static double batchAccuracy(NDArray logits, GanObjective objective, int[] classes) {
    return DiscriminatorClassifier.accuracy(logits.softmax(1).toFloatArray(), objective.firstClassOutput(), classes,
        classes.length);
  }
}
