package dev.bgan.train.nn;

import ai.djl.ndarray.NDArray;
import java.util.SplittableRandom;

/**
 * InfoGAN's latent codes c: one categorical code uniform over {@code categories} values, given to the
 * generator one-hot, and {@code continuous} codes uniform on [-1, 1], after z in the generator's
 * input (z, one-hot(c_cat), c_1 .. c_m).
 */
public record LatentCodes(int categories, int continuous) implements ConditioningSampler {
  public LatentCodes {
    if (categories < 2) {
      throw new IllegalArgumentException("a categorical code needs at least 2 values, got " + categories);
    }
    if (continuous < 0) {
      throw new IllegalArgumentException("continuous codes must be 0 or more, got " + continuous);
    }
  }

  @Override
  public int width() {
    return categories + continuous;
  }

  @Override
  public Conditioning draw(int count, SplittableRandom random) {
    int[] codes = new int[count];
    float[][] values = new float[count][continuous];
    // Example by example, category then continuous codes: a prefix of a draw is the draw of fewer examples.
    for (int i = 0; i < count; i++) {
      codes[i] = random.nextInt(categories);
      for (int j = 0; j < continuous; j++) {
        values[i][j] = (float) (2 * random.nextDouble() - 1);
      }
    }
    return new Conditioning(null, codes, values);
  }

  @Override
  public NDArray input(NDArray z, Conditioning c) {
    long rows = z.getShape().get(0);
    if (c.categories() == null || c.continuous() == null || c.categories().length != rows
        || c.continuous().length != rows || (rows > 0 && c.continuous()[0].length != continuous)) {
      throw new IllegalArgumentException("InfoGAN's generator needs a categorical and " + continuous
          + " continuous codes per z row, got " + c);
    }
    NDArray oneHot = z.getManager().create(c.categories()).oneHot(categories);
    NDArray codes = z.getManager().create(c.continuous());
    return z.concat(oneHot, 1).concat(codes, 1);
  }
}
