package dev.bgan.train.nn;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;

/**
 * A generator/discriminator architecture: fresh blocks for each weight sample, and the shape of one
 * sample (image or point) they exchange. A family per model of the paper (DCGAN, the synthetic
 * experiment's fully-connected nets; AC-GAN, InfoGAN to come).
 */
public interface NetworkFamily {
  /** A generator from a latent vector of {@code zDim} to one sample. */
  Block generator(int zDim);

  /** A discriminator from one sample to {@code outputs} logits. */
  Block discriminator(int outputs);

  /** The shape of one sample, without the batch axis: (channels, height, width) or (dimension). */
  Shape sampleShape();
}
