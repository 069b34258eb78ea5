package dev.bgan.train.nn;

import ai.djl.ndarray.NDArray;
import java.util.SplittableRandom;

/**
 * A family's draw of what its generator is conditioned on, and how that joins z in the generator's
 * input. Training draws it per generator and iteration from the iteration's random source; a
 * trained model rebuilds the same sampler from its config ({@code TrainedModel}), so evaluations
 * draw from the distribution the generator was trained on. {@link #NONE}: z alone, nothing drawn.
 */
public interface ConditioningSampler {
  /** Columns the conditioning adds to the generator's input after z's. */
  int width();

  /** The conditioning of {@code count} examples, drawn from {@code random}. */
  Conditioning draw(int count, SplittableRandom random);

  /** The generator's input: z, (count, z_dim), followed by {@code c}'s {@link #width} columns, in z's manager. */
  NDArray input(NDArray z, Conditioning c);

  /**
   * The number of class labels the generator is conditioned on ({@link Conditioning#classes}), 0 when
   * it takes none: evaluations that ask for a class (class-conditional grids and accuracy) read it.
   */
  default int classes() {
    return 0;
  }

  /** The unconditioned generators of the DCGAN and synthetic families: z is the input, {@code random} is not read. */
  ConditioningSampler NONE = new ConditioningSampler() {
    @Override
    public int width() {
      return 0;
    }

    @Override
    public Conditioning draw(int count, SplittableRandom random) {
      return Conditioning.NONE;
    }

    @Override
    public NDArray input(NDArray z, Conditioning c) {
      if (!c.equals(Conditioning.NONE)) {
        throw new IllegalArgumentException("an unconditioned generator takes no conditioning, got " + c);
      }
      return z;
    }
  };
}
