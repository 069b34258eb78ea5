package dev.bgan.train;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.bgan.common.Seeds;
import dev.bgan.proto.TrainConfig;
import dev.bgan.train.nn.ConditioningSampler;
import dev.bgan.train.nn.Network;
import dev.bgan.train.nn.NetworkFamily;
import java.util.List;

/**
 * Builds the networks of a training run from its config and network family, each weight sample
 * from its own child seed, so that training and evaluation (which loads saved samples into
 * them) agree on architecture.
 */
public record GanNetworks(TrainConfig config, NetworkFamily family, int numClasses) {
  /** The name of a generator's one output. */
  private static final String GENERATED = "generated";

  /** The objective the networks are trained with; it fixes the discriminator's outputs. */
  public GanObjective objective() {
    return Objectives.of(config);
  }

  /**
   * Discriminator outputs, by the objective, for K classes when semi-supervised and one (real) when not:
   * ORIG K+1 (or fake vs real), HEAD K (or one logit), W-DCGAN one critic value.
   */
  public int discriminatorOutputs() {
    return objective().outputs(config.getSemiSupervised() ? numClasses : 1);
  }

  public int generatorCount() {
    return ensemble() ? config.getMlEnsemble() : config.getNumz() * config.getNumMcmc();
  }

  public int discriminatorCount() {
    return ensemble() ? config.getMlEnsemble() : config.getNumDisc();
  }

  /** A DCGAN ensemble pairs generator k with discriminator k; the Bayesian GAN pits every one against every other. */
  public boolean ensemble() {
    return config.getMlEnsemble() > 0;
  }

  /** What the generators are conditioned on besides z, drawn for training and again for evaluation. */
  public ConditioningSampler conditioning() {
    return family.conditioning();
  }

  public Network generator(NDManager manager, int index) {
    return Network.create(family.generator(config.getZDim()), manager,
        new Shape(1, config.getZDim() + conditioning().width()), Seeds.child(config.getRandomSeed(), "generator", index),
        family.weightInitializer(), List.of(GENERATED));
  }

  /** Discriminator sample {@code index} of the posterior. */
  public Network discriminator(NDManager manager, int index) {
    return discriminator(manager, Seeds.child(config.getRandomSeed(), "discriminator", index));
  }

  /** The supervised-only baseline: the discriminator's architecture, its own seed. */
  public Network supervised(NDManager manager) {
    return discriminator(manager, Seeds.child(config.getRandomSeed(), "supervised"));
  }

  private Network discriminator(NDManager manager, long seed) {
    return Network.create(family.discriminator(discriminatorOutputs()), manager,
        new Shape(1).addAll(family.sampleShape()), seed, family.weightInitializer(), family.discriminatorHeads());
  }
}
