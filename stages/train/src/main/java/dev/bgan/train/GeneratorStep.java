package dev.bgan.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.training.GradientCollector;
import dev.bgan.train.nn.Conditioning;
import dev.bgan.train.nn.Heads;
import dev.bgan.train.nn.Network;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One generator's gradient: the mean over the discriminators it tries to fool (all of them, or its
 * ensemble partner) of the objective's generator loss plus its conditional terms, through their
 * input gradients only (the caller stops their weight gradients). Leaves the gradient on the
 * generator's weights.
 */
final class GeneratorStep {
  /** Its loss, and the mean of each conditional term over the discriminators. */
  record Stats(double loss, Map<String, Double> terms) {}

  private final GanObjective objective;

  GeneratorStep(GanObjective objective) {
    this.objective = objective;
  }

  /**
   * {@code input}: the generator's input (z and its encoded {@code conditioning}). {@code realHeads.get(k)}
   * holds discriminator k's heads on the real batch after its step when the objective reads features
   * (else the list is empty). Returns the stats when {@code measure}, else null.
   */
  Stats run(Engine engine, Network g, String name, NDArray input, Conditioning conditioning,
      List<Network> discriminators, List<Integer> opponents, List<Heads> realHeads, boolean measure, int t) {
    try (GradientCollector gc = engine.newGradientCollector()) {
      NDArray fake = g.forward(input, true);
      NDArray loss = null;
      SortedMap<String, NDArray> terms = new TreeMap<>();
      for (int k : opponents) {
        Heads heads = discriminators.get(k).heads(fake, true, objective.readsFeatures());
        NDArray term = objective.generatorLoss(heads, objective.readsFeatures() ? realHeads.get(k) : null);
        for (Map.Entry<String, NDArray> extra : objective.generatorTerms(heads, conditioning).entrySet()) {
          term = term.add(extra.getValue());
          terms.merge(extra.getKey(), extra.getValue(), NDArray::add);
        }
        loss = loss == null ? term : loss.add(term);
      }
      loss = loss.div(Scalars.of(loss, opponents.size()));
      gc.backward(loss);
      if (!measure) {
        return null;
      }
      Map<String, Double> means = new TreeMap<>();
      DiscriminatorStep.values(terms).forEach((key, sum) -> means.put(key, sum / opponents.size()));
      return new Stats(Training.finite(name + " loss", loss.getFloat(), t), means);
    }
  }
}
