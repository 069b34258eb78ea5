package dev.bgan.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.training.GradientCollector;
import dev.bgan.train.nn.Network;

/** The supervised-only baseline's gradient: cross-entropy on the labeled batch alone. */
final class BaselineStep {
  /** Its loss and accuracy on the labeled batch. */
  record Stats(double loss, double trainAccuracy) {}

  private final GanObjective objective;

  BaselineStep(GanObjective objective) {
    this.objective = objective;
  }

  Stats run(Engine engine, Network supervised, Batch batch, boolean measure) {
    try (GradientCollector gc = engine.newGradientCollector()) {
      NDArray logits = supervised.forward(batch.labeled(), true);
      NDArray loss = SemiSupervisedObjective.crossEntropy(logits, batch.labeledOutputs());
      gc.backward(loss);
      return measure ? new Stats(loss.getFloat(), Training.batchAccuracy(logits, objective, batch.labeledClasses())) : null;
    }
  }
}
