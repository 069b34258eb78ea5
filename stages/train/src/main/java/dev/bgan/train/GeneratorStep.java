package dev.bgan.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.training.GradientCollector;
import dev.bgan.train.nn.Heads;
import dev.bgan.train.nn.Network;
import java.util.List;

/**
 * One generator's gradient: the mean of the objective's generator loss over the discriminators it
 * tries to fool (all of them, or its ensemble partner), through their input gradients only (the
 * caller stops their weight gradients). Leaves the gradient on the generator's weights.
 */
final class GeneratorStep {
  private final GanObjective objective;

  GeneratorStep(GanObjective objective) {
    this.objective = objective;
  }

  /**
   * {@code realHeads.get(k)} holds discriminator k's heads on the real batch after its step when the
   * objective reads features (else the list is empty). Returns the loss when {@code measure}, else NaN.
   */
  double run(Engine engine, Network g, String name, NDArray latent, List<Network> discriminators, List<Integer> opponents,
      List<Heads> realHeads, boolean measure, int t) {
    try (GradientCollector gc = engine.newGradientCollector()) {
      NDArray fake = g.forward(latent, true);
      NDArray loss = null;
      for (int k : opponents) {
        Heads heads = discriminators.get(k).heads(fake, true, objective.readsFeatures());
        NDArray term = objective.generatorLoss(heads, objective.readsFeatures() ? realHeads.get(k) : null);
        loss = loss == null ? term : loss.add(term);
      }
      loss = loss.div(Scalars.of(loss, opponents.size()));
      gc.backward(loss);
      return measure ? Training.finite(name + " loss", loss.getFloat(), t) : Double.NaN;
    }
  }
}
