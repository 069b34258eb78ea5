package dev.bgan.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import dev.bgan.train.nn.Conditioning;
import dev.bgan.train.nn.Heads;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * AC-GAN's losses (Odena et al. 2017) as the Keras {@code mnist_acgan} example computes them, from
 * the discriminator's real/fake logit l ({@link Heads#LOGITS}) and class logits ({@link Heads#CLASSES}),
 * with the example's one-sided soft label 0.95 for "real" (Salimans et al. 2016) and 0 for "fake":
 *
 * <pre>
 *   d_loss_real = 0.5 mean BCE(sigmoid(l(x)), 0.95)         the example's losses are means over the
 *   d_loss_fake = 0.5 mean BCE(sigmoid(l(G(z, c))), 0)      concatenated real + fake batch, so each
 *   class_real  = 0.5 mean CE(classes(x), y)                half weighs 0.5
 *   class_fake  = 0.5 mean CE(classes(G(z, c)), c)          (mean over the generators it faces)
 *   g_loss      = mean BCE(sigmoid(l(G(z, c))), 0.95)
 *   class       = mean CE(classes(G(z, c)), c)              generator term
 * </pre>
 *
 * with BCE(sigmoid(l), y) = y softplus(-l) + (1 - y) softplus(l). The discriminator's class loss
 * covers real and generated images, as the paper's L_C and the example's first version have it;
 * the example's later version gives the fakes' class loss weight 0 in the discriminator's step
 * (we keep the paper's: it makes the conditioning learnable from the first iterations).
 */
final class AcganObjective implements GanObjective {
  /** The example's soft label for "real". */
  static final float SOFT_ONE = 0.95f;
  static final String CLASS_REAL = "class_real";
  static final String CLASS_FAKE = "class_fake";
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
    terms.put(CLASS_REAL, half(classLoss(real.get(Heads.CLASSES), realConditioning.classes())));
    NDArray fake = null;
    for (int i = 0; i < fakes.size(); i++) {
      NDArray term = classLoss(fakes.get(i).get(Heads.CLASSES), fakeConditioning.get(i).classes());
      fake = fake == null ? term : fake.add(term);
    }
    terms.put(CLASS_FAKE, half(fake.div(Scalars.of(fake, fakes.size()))));
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
