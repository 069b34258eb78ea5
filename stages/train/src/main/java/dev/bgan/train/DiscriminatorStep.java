package dev.bgan.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.bgan.train.engine.TorchJni;
import dev.bgan.train.nn.Conditioning;
import dev.bgan.train.nn.Heads;
import dev.bgan.train.nn.Network;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One discriminator's gradient: the objective's loss on the real batch, the mean of its fake loss
 * over the fakes it faces (every generator's, or its ensemble partner's), the gradient penalty when
 * asked, the labeled cross-entropy when semi-supervised, and the objective's conditional terms.
 * Leaves the gradient on the weights.
 */
final class DiscriminatorStep {
  /** What the training log shows of one discriminator's step; {@code terms}: the objective's conditional terms. */
  record Stats(double loss, double realScore, double fakeScore, double trainAccuracy, Map<String, Double> terms) {}

  private final GanObjective objective;
  private final double gradientPenalty;
  private final boolean semiSupervised;

  DiscriminatorStep(GanObjective objective, double gradientPenalty, boolean semiSupervised) {
    this.objective = objective;
    this.gradientPenalty = gradientPenalty;
    this.semiSupervised = semiSupervised;
  }

  /**
   * Computes the gradient of {@code d} against the fakes of generators {@code opponents}; the stats
   * only when {@code measure}.
   */
  Stats run(Engine engine, Network d, String name, List<Integer> opponents, Batch batch, boolean measure, int t,
      NDManager step) {
    for (NDArray w : d.trainable()) {
      TorchJni.zeroGradient(w);
    }
    try (GradientCollector gc = engine.newGradientCollector()) {
      Heads real = d.heads(batch.real(), true, false);
      NDArray loss = objective.realLoss(real);
      NDArray fakeLoss = null;
      List<Heads> fakes = new ArrayList<>();
      List<Conditioning> conditioning = new ArrayList<>();
      for (int i : opponents) {
        Heads heads = d.heads(batch.fakes().get(i), true, false);
        fakes.add(heads);
        conditioning.add(batch.conditioning().get(i));
        NDArray term = objective.fakeLoss(heads);
        fakeLoss = fakeLoss == null ? term : fakeLoss.add(term);
      }
      // Mean over generators: the discriminator's objective keeps its scale whatever J*M is.
      loss = loss.add(fakeLoss.div(Scalars.of(fakeLoss, opponents.size())));
      if (gradientPenalty > 0) {
        NDArray penalty = null;
        for (int i : opponents) {
          NDArray term = GradientPenalty.of(d, batch.real(), batch.fakes().get(i), gradientPenalty, step);
          penalty = penalty == null ? term : penalty.add(term);
        }
        loss = loss.add(penalty.div(Scalars.of(penalty, opponents.size())));
      }
      NDArray labeledLogits = null;
      if (semiSupervised) {
        labeledLogits = d.forward(batch.labeled(), true);
        loss = loss.add(SemiSupervisedObjective.crossEntropy(labeledLogits, batch.labeledOutputs()));
      }
      SortedMap<String, NDArray> terms = objective.discriminatorTerms(real, batch.realConditioning(), fakes, conditioning);
      for (NDArray term : terms.values()) {
        loss = loss.add(term);
      }
      gc.backward(loss);
      if (!measure) {
        return null;
      }
      return new Stats(Training.finite(name + " loss", loss.getFloat(), t), objective.score(real),
          fakes.stream().mapToDouble(objective::score).average().orElse(0),
          labeledLogits == null ? 0 : Training.batchAccuracy(labeledLogits, objective, batch.labeledClasses()),
          values(terms));
    }
  }

  /** The terms' values, by name. */
  static Map<String, Double> values(SortedMap<String, NDArray> terms) {
    Map<String, Double> values = new TreeMap<>();
    terms.forEach((name, term) -> values.put(name, (double) term.getFloat()));
    return values;
  }
}
