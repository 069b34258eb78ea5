package dev.bgan.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import dev.bgan.train.nn.Conditioning;
import dev.bgan.train.nn.Heads;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * AC-GAN's losses as the Keras {@code mnist_acgan} example trains them, from the discriminator's
 * real/fake logit l ({@link Heads#LOGITS}) and class logits ({@link Heads#CLASSES}), with the
 * example's one-sided soft label 0.95 for "real" (Salimans et al. 2016) and 0 for "fake":
 *
 * <pre>
 *   d_loss_real = 0.5 mean BCE(sigmoid(l(x)), 0.95)         the example's BCE is a mean over the
 *   d_loss_fake = 0.5 mean BCE(sigmoid(l(G(z, c))), 0)      concatenated real + fake batch
 *   class_real  = mean CE(classes(x), y)                    discriminator term: real labels only
 *   g_loss      = mean BCE(sigmoid(l(G(z, c))), 0.95)
 *   class       = mean CE(classes(G(z, c)), c)              generator term
 * </pre>
 *
 * with BCE(sigmoid(l), y) = y softplus(-l) + (1 - y) softplus(l). The example gives the class loss
 * of fakes weight 0 in the discriminator's step and the real ones weight 2 over the 2B batch (so
 * that the class loss is the mean over the real half), which is {@code class_real}.
 */
final class AcganObjective implements GanObjective {
  /** The example's soft label for "real". */
  static final float SOFT_ONE = 0.95f;
  static final String CLASS_REAL = "class_real";
  static final String CLASS = "class";

  @Override
  public NDArray realLoss(Heads real) {
    return half(binaryCrossEntropy(real.logits(), SOFT_ONE));
  }

  @Override
  public NDArray fakeLoss(Heads fake) {
    return half(binaryCrossEntropy(fake.logits(), 0f));
  }

  @Override
  public NDArray generatorLoss(Heads fake, Heads real) {
    return binaryCrossEntropy(fake.logits(), SOFT_ONE);
  }

  @Override
  public double score(Heads heads) {
    return Activation.sigmoid(heads.logits()).mean().getFloat();
  }

  @Override
  public boolean readsRealClasses() {
    return true;
  }

  @Override
  public SortedMap<String, NDArray> discriminatorTerms(Heads real, Conditioning realConditioning, List<Heads> fakes,
      List<Conditioning> fakeConditioning) {
    SortedMap<String, NDArray> terms = new TreeMap<>();
    terms.put(CLASS_REAL, classLoss(real.get(Heads.CLASSES), realConditioning.classes()));
    return terms;
  }

  @Override
  public SortedMap<String, NDArray> generatorTerms(Heads fake, Conditioning conditioning) {
    SortedMap<String, NDArray> terms = new TreeMap<>();
    terms.put(CLASS, classLoss(fake.get(Heads.CLASSES), conditioning.classes()));
    return terms;
  }

  /** Mean over the batch of BCE(sigmoid(l), y) for one logit per example, (n, 1). */
  static NDArray binaryCrossEntropy(NDArray logits, float target) {
    NDArray positive = Activation.softPlus(logits.neg()).mul(Scalars.of(logits, target));
    NDArray negative = Activation.softPlus(logits).mul(Scalars.of(logits, 1f - target));
    return positive.add(negative).mean();
  }

  /** Mean softmax cross-entropy of {@code classes}. */
  static NDArray classLoss(NDArray classLogits, int[] classes) {
    return SemiSupervisedObjective.crossEntropy(classLogits, classLogits.getManager().create(classes));
  }

  private static NDArray half(NDArray loss) {
    return loss.mul(Scalars.of(loss, 0.5));
  }
}
