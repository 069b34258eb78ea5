package dev.bgan.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import dev.bgan.train.nn.Heads;

/**
 * The reference's HEAD objective ({@code bgan_semi.py}) over K logits with an implicit fake class
 * of logit 0, so that with l = logsumexp(logits), p(real) = sigmoid(l):
 *
 * <pre>
 *   d_loss_real = -mean(l) + mean(softplus(l))        on unlabeled real images
 *   d_loss_fake = mean(softplus(l))                    on fakes
 *   g_loss      = -mean(l) + mean(softplus(l))         on fakes
 *               + mean over features of huber(mean_batch f(G(z)) - mean_batch f(x)), delta 1
 * </pre>
 *
 * f is the discriminator's penultimate layer (512-d with {@code --arch head}). The reference pairs
 * the i-th fake with the i-th real image in the Huber term; this matches batch means, the feature
 * matching of Salimans et al. With one output (unsupervised) the losses are the sigmoid GAN's.
 */
final class HeadObjective implements GanObjective {
  /** Huber's delta: quadratic below, linear above. */
  static final float DELTA = 1f;

  @Override
  public NDArray realLoss(Heads real) {
    return notFakeLoss(real.logits());
  }

  @Override
  public NDArray fakeLoss(Heads fake) {
    return Activation.softPlus(logSumExp(fake.logits())).mean();
  }

  @Override
  public NDArray generatorLoss(Heads fake, Heads real) {
    return notFakeLoss(fake.logits()).add(featureLoss(fake.features(), real.features()));
  }

  @Override
  public double score(Heads heads) {
    return Activation.sigmoid(logSumExp(heads.logits())).mean().getFloat();
  }

  @Override
  public boolean readsFeatures() {
    return true;
  }

  /** The Huber term of the generator's loss, from (batch, features) of its fakes and of the real batch. */
  static NDArray featureLoss(NDArray fakeFeatures, NDArray realFeatures) {
    NDArray gap = fakeFeatures.mean(new int[] {0}).sub(realFeatures.mean(new int[] {0})).abs();
    // huber(a) = 0.5 a^2 for a < delta, delta (a - delta / 2) above: with q = min(a, delta), 0.5 q^2 + delta (a - q).
    NDArray quadratic = gap.minimum(Scalars.of(gap, DELTA));
    return quadratic.square().mul(Scalars.of(gap, 0.5)).add(gap.sub(quadratic).mul(Scalars.of(gap, DELTA))).mean();
  }

  /** -mean(l) + mean(softplus(l)) = mean(softplus(-l)): -log p(real). */
  private static NDArray notFakeLoss(NDArray outputs) {
    return Activation.softPlus(logSumExp(outputs).neg()).mean();
  }

  /** logsumexp over each row, shifted by the row's maximum (a constant to autograd: l does not depend on it). */
  static NDArray logSumExp(NDArray outputs) {
    NDArray max = outputs.max(new int[] {1}, true).stopGradient();
    return outputs.sub(max).exp().sum(new int[] {1}).log().add(max.squeeze(1));
  }
}
