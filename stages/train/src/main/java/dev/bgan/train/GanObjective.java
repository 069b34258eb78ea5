package dev.bgan.train;

import ai.djl.ndarray.NDArray;
import dev.bgan.proto.TrainConfig;

/**
 * The adversarial part of a GAN's losses, over the discriminator's raw outputs. The trainer adds
 * the labeled cross-entropy (semi-supervised) and averages the fake term over generators.
 */
public interface GanObjective {
  /** The discriminator's loss on a batch of unlabeled real images. */
  NDArray realLoss(NDArray outputs);

  /** The discriminator's loss on a batch of one generator's fakes. */
  NDArray fakeLoss(NDArray outputs);

  /** A generator's loss on the discriminator's outputs for its fakes. */
  NDArray generatorLoss(NDArray outputs);

  /** What the training log shows as D(x) and D(G(z)): a mean probability of "real", or a mean critic value. */
  double score(NDArray outputs);

  static GanObjective of(TrainConfig config) {
    return config.getWasserstein() ? new WassersteinObjective() : new OrigObjective();
  }
}
