package dev.bgan.train;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.bgan.common.Seeds;
import dev.bgan.proto.TrainConfig;
import dev.bgan.train.nn.Network;
import dev.bgan.train.nn.NetworkFamily;

/**
 * Builds the networks of a training run from its config and network family, each weight sample
 * from its own child seed, so that training and evaluation (which loads saved samples into
 * them) agree on architecture.
 */
public record GanNetworks(TrainConfig config, NetworkFamily family, int numClasses) {

  /** Discriminator outputs: K classes + fake when semi-supervised, otherwise fake vs real. */
  public int discriminatorOutputs() {
    return config.getSemiSupervised() ? numClasses + 1 : 2;
  }

  public int generatorCount() {
    return config.getNumz() * config.getNumMcmc();
  }

  public Network generator(NDManager manager, int index) {
    return Network.create(family.generator(config.getZDim()), manager,
        new Shape(1, config.getZDim()), Seeds.child(config.getRandomSeed(), "generator", index));
  }

  public Network discriminator(NDManager manager, String role) {
    return Network.create(family.discriminator(discriminatorOutputs()), manager,
        new Shape(1).addAll(family.sampleShape()), Seeds.child(config.getRandomSeed(), role));
  }
}
