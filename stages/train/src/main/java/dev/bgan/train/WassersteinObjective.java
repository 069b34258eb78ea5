package dev.bgan.train;

import ai.djl.ndarray.NDArray;

/**
 * W-DCGAN: the discriminator is a critic with one unbounded output (no sigmoid, no softmax).
 * Critic loss mean D(fake) - mean D(real), generator loss -mean D(fake). The reference's W-DCGAN
 * only clips weights and keeps the softmax losses; these are the Wasserstein losses. The Lipschitz
 * constraint comes from weight clipping or the gradient penalty ({@link GradientPenalty}).
 */
final class WassersteinObjective implements GanObjective {
  @Override
  public NDArray realLoss(NDArray outputs) {
    return outputs.mean().neg();
  }

  @Override
  public NDArray fakeLoss(NDArray outputs) {
    return outputs.mean();
  }

  @Override
  public NDArray generatorLoss(NDArray outputs) {
    return outputs.mean().neg();
  }

  @Override
  public double score(NDArray outputs) {
    return outputs.mean().getFloat();
  }

  /** One critic value whatever the classes: the W-DCGAN is unsupervised only. */
  @Override
  public int outputs(int classes) {
    return 1;
  }

  @Override
  public int firstClassOutput() {
    return 0;
  }
}
