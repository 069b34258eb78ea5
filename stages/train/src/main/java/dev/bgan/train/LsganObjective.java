package dev.bgan.train;

import ai.djl.ndarray.NDArray;
import dev.bgan.proto.TrainConfig;
import dev.bgan.train.nn.Heads;

/**
 * LSGAN (Mao et al. 2017): least-squares losses on the discriminator's value v(x), its one output
 * when unsupervised and, semi-supervised, the logsumexp of its K class logits (as for the W-DCGAN
 * critic, so that the labeled cross-entropy shapes the outputs the adversarial losses move):
 *
 * <pre>
 *   d_loss_real = 0.5 mean((v(x) - b)^2)          on unlabeled real examples
 *   d_loss_fake = 0.5 mean((v(G(z)) - a)^2)       on fakes
 *   g_loss      = 0.5 mean((v(G(z)) - c)^2)
 * </pre>
 *
 * with the coding of {@link LsganCoding} (a = -1, b = 1, c = 0 unless the config sets ls_a, ls_b, ls_c).
 */
final class LsganObjective implements GanObjective {
  private final double a;
  private final double b;
  private final double c;

  LsganObjective(double a, double b, double c) {
    this.a = a;
    this.b = b;
    this.c = c;
  }

  static LsganObjective of(TrainConfig config) {
    LsganCoding coding = LsganCoding.of(config);
    return new LsganObjective(coding.a(), coding.b(), coding.c());
  }

  @Override
  public NDArray realLoss(Heads real) {
    return halfMeanSquare(WassersteinObjective.value(real.logits()), b);
  }

  @Override
  public NDArray fakeLoss(Heads fake) {
    return halfMeanSquare(WassersteinObjective.value(fake.logits()), a);
  }

  @Override
  public NDArray generatorLoss(Heads fake, Heads real) {
    return halfMeanSquare(WassersteinObjective.value(fake.logits()), c);
  }

  @Override
  public double score(Heads heads) {
    return WassersteinObjective.value(heads.logits()).mean().getFloat();
  }

  /** 0.5 mean((v - target)^2), with PyTorch-owned scalars (see {@link Scalars}). */
  private static NDArray halfMeanSquare(NDArray v, double target) {
    NDArray gap = v.sub(Scalars.of(v, target));
    NDArray mean = gap.square().mean();
    return mean.mul(Scalars.of(mean, 0.5));
  }
}
