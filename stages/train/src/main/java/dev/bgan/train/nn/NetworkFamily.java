package dev.bgan.train.nn;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.NormalInitializer;
import java.util.List;

/**
 * A generator/discriminator architecture: fresh blocks for each weight sample, the shape of one
 * sample (image or point) they exchange, what the generator is conditioned on besides z, and the
 * names of the discriminator's outputs. A family per model (the DCGANs, the synthetic experiment's
 * fully-connected nets, AC-GAN); the defaults are those of the unconditioned families.
 */
public interface NetworkFamily {
  /**
   * A generator from its input, z of {@code zDim} followed by {@link #conditioning()}'s columns, to
   * one sample.
   */
  Block generator(int zDim);

  /** A discriminator from one sample to {@code outputs} logits (its first head), and its other heads. */
  Block discriminator(int outputs);

  /** The shape of one sample, without the batch axis: (channels, height, width) or (dimension). */
  Shape sampleShape();

  /** What the generator is conditioned on: nothing but z unless the family says otherwise. */
  default ConditioningSampler conditioning() {
    return ConditioningSampler.NONE;
  }

  /** The names of the discriminator block's outputs, in order: {@link Heads#LOGITS} first. */
  default List<String> discriminatorHeads() {
    return List.of(Heads.LOGITS);
  }

  /** How weights are drawn at creation (biases start at 0): the DCGAN's N(0, 0.02) unless the family says otherwise. */
  default Initializer weightInitializer() {
    return Network.DCGAN_INITIALIZER;
  }
}
