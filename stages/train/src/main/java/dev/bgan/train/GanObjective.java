package dev.bgan.train;

import ai.djl.ndarray.NDArray;
import dev.bgan.train.nn.Conditioning;
import dev.bgan.train.nn.Heads;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The adversarial part of a GAN's losses, read from the discriminator's named heads, and the
 * layout of its logits. The training step adds the labeled cross-entropy (semi-supervised) and
 * averages the fake term over generators. A conditional objective also adds named terms that read
 * other heads and the batch's {@link Conditioning} (AC-GAN's class losses, InfoGAN's L_I): the step
 * adds them to the losses and the training log records each.
 */
public interface GanObjective {
  /** The discriminator's loss on a batch of unlabeled real images. */
  NDArray realLoss(Heads real);

  /** The discriminator's loss on a batch of one generator's fakes. */
  NDArray fakeLoss(Heads fake);

  /**
   * A generator's loss on the discriminator's heads for its fakes; {@code real} holds the same
   * discriminator's heads on the real batch after its step (constants) when {@link #readsFeatures}, else null.
   */
  NDArray generatorLoss(Heads fake, Heads real);

  /** What the training log shows as D(x) and D(G(z)): a mean probability of "real", or a mean critic value. */
  double score(Heads heads);

  /** Whether the generator's loss reads {@link Heads#FEATURES} of fakes and of the real batch (feature matching). */
  default boolean readsFeatures() {
    return false;
  }

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

  /** Whether {@link #discriminatorTerms} reads the real batch's classes (a class-conditional objective, trained on every label). */
  default boolean readsRealClasses() {
    return false;
  }

  /**
   * Terms added to one discriminator's loss, by name, from its heads on the real batch and on each
   * generator's fakes it faces, with their conditioning ({@code realConditioning} holds the real batch's classes
   * when {@link #readsRealClasses}); none unless the objective is conditional.
   */
  default SortedMap<String, NDArray> discriminatorTerms(Heads real, Conditioning realConditioning, List<Heads> fakes,
      List<Conditioning> fakeConditioning) {
    return new TreeMap<>();
  }

  /**
   * Terms added to one generator's loss against one discriminator, by name, from that
   * discriminator's heads on the generator's fakes and their conditioning; none unless conditional.
   */
  default SortedMap<String, NDArray> generatorTerms(Heads fake, Conditioning conditioning) {
    return new TreeMap<>();
  }

  /**
   * Values the training log shows beside the generator's terms, derived from their means over
   * generators and discriminators (InfoGAN's mutual-information lower bounds); none unless conditional.
   */
  default SortedMap<String, Double> measures(java.util.Map<String, Double> generatorTerms) {
    return new TreeMap<>();
  }
}
