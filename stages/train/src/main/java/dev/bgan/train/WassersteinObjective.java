package dev.bgan.train;

import ai.djl.ndarray.NDArray;
import dev.bgan.train.nn.Heads;

/**
 * W-DCGAN: the discriminator is a critic, unbounded (no sigmoid, no softmax). Its value v(x) is the
 * one output when unsupervised; semi-supervised, the critic has K class logits and v(x) is their
 * logsumexp (the unnormalised log-density of Salimans et al.'s K-class discriminator), so that the
 * labeled cross-entropy shapes the same outputs the Wasserstein losses move. Critic loss
 * mean v(fake) - mean v(real), generator loss -mean v(fake). The reference's W-DCGAN only clips
 * weights and keeps the softmax losses; these are the Wasserstein losses. The Lipschitz constraint
 * comes from weight clipping or the gradient penalty ({@link GradientPenalty}, on v).
 */
final class WassersteinObjective implements GanObjective {
  @Override
  public NDArray realLoss(Heads real) {
    return value(real.logits()).mean().neg();
  }

  @Override
  public NDArray fakeLoss(Heads fake) {
    return value(fake.logits()).mean();
  }

  @Override
  public NDArray generatorLoss(Heads fake, Heads real) {
    return value(fake.logits()).mean().neg();
  }

  @Override
  public double score(Heads heads) {
    return value(heads.logits()).mean().getFloat();
  }

  /** The critic value per example: the output itself when there is one (no logsumexp rounding), else the logsumexp of the K. */
  static NDArray value(NDArray outputs) {
    return outputs.getShape().get(1) == 1 ? outputs : HeadObjective.logSumExp(outputs);
  }
}
