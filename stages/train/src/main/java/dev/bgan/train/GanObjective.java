package dev.bgan.train;

import ai.djl.ndarray.NDArray;
import dev.bgan.proto.TrainConfig;

/**
 * The adversarial part of a GAN's losses, over the discriminator's raw outputs, and the layout of
 * those outputs. The trainer adds the labeled cross-entropy (semi-supervised) and averages the fake
 * term over generators.
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

  /**
   * Discriminator outputs for {@code classes} classes (K when semi-supervised, 1 when not): one per
   * class unless the objective adds an explicit fake output (ORIG).
   */
  default int outputs(int classes) {
    return classes;
  }

  /** The output of class 0: 1 where output 0 is "fake" (ORIG), 0 where the fake class is implicit (HEAD, W-DCGAN). */
  default int firstClassOutput() {
    return 0;
  }

  static GanObjective of(TrainConfig config) {
    if (config.getWasserstein()) {
      return new WassersteinObjective();
    }
    return TrainConfigs.objective(config).equals(TrainConfigs.HEAD) ? new HeadObjective() : new OrigObjective();
  }
}
