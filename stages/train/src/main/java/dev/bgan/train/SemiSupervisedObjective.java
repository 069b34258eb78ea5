package dev.bgan.train;

import ai.djl.ndarray.NDArray;

/**
 * The reference's (ORIG) objective over K+1 logits, index 0 = fake, labels shifted by one:
 *
 * <pre>
 *   d_loss_sup  = CE(D(x_labeled), y + 1)
 *   d_loss_real = -mean log(1 - softmax(D(x_unlabeled))[:, 0] + 1e-8)
 *   d_loss_fake = CE(D(G(z)), 0)
 *   g_loss      = -mean log(1 - softmax(D(G(z)))[:, 0] + 1e-8)
 * </pre>
 *
 * With K = 1 (two logits) and no labeled term it is the unsupervised GAN.
 */
public final class SemiSupervisedObjective {
  static final float LOG_EPSILON = 1e-8f;

  private SemiSupervisedObjective() {}

  /** Softmax cross-entropy of integer classes {@code targets} (already shifted), batch mean. */
  public static NDArray crossEntropy(NDArray logits, NDArray targets) {
    NDArray logProbs = logits.logSoftmax(1);
    NDArray picked = logProbs.mul(targets.oneHot((int) logits.getShape().get(1))).sum(new int[] {1});
    return picked.mean().neg();
  }

  /** -mean log(1 - p_fake + 1e-8): the discriminator's loss on real images and the generator's on fakes. */
  public static NDArray notFakeLoss(NDArray logits) {
    NDArray pFake = logits.softmax(1).get(":, 0");
    // (1 - p) + eps in two steps: 1f + 1e-8f rounds to 1f in float32 and the log would be -inf.
    return pFake.neg().add(1f).add(LOG_EPSILON).log().mean().neg();
  }

  /** CE with every target the fake class 0. */
  public static NDArray fakeLoss(NDArray logits) {
    return logits.logSoftmax(1).get(":, 0").mean().neg();
  }

  /** Mean probability of "not fake", the D(x) and D(G(z)) the training log shows. */
  public static double meanNotFake(NDArray logits) {
    return logits.softmax(1).get(":, 0").neg().add(1f).mean().getFloat();
  }
}
