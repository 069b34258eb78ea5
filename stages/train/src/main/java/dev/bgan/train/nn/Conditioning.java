package dev.bgan.train.nn;

import java.util.Arrays;

/**
 * What a batch of n generated (or real) examples is conditioned on besides z, example by example:
 * {@code classes}, class labels that a class-conditional generator is given and its discriminator
 * predicts (AC-GAN; for a real batch, its true labels); {@code categories}, a categorical latent
 * code; {@code continuous}, n rows of continuous latent codes (InfoGAN's c). Each is null where the
 * family has none; {@link #NONE} is the unconditioned batch of every earlier family.
 */
public record Conditioning(int[] classes, int[] categories, float[][] continuous) {
  public static final Conditioning NONE = new Conditioning(null, null, null);

  public static Conditioning ofClasses(int[] classes) {
    return new Conditioning(classes.clone(), null, null);
  }

  public boolean hasClasses() {
    return classes != null;
  }

  /** Every example {@code times} times in a row (each row of an interpolation grid keeps its conditioning). */
  public Conditioning repeatEach(int times) {
    return new Conditioning(repeat(classes, times), repeat(categories, times), repeat(continuous, times));
  }

  private static int[] repeat(int[] values, int times) {
    if (values == null) {
      return null;
    }
    int[] out = new int[values.length * times];
    for (int i = 0; i < out.length; i++) {
      out[i] = values[i / times];
    }
    return out;
  }

  private static float[][] repeat(float[][] rows, int times) {
    if (rows == null) {
      return null;
    }
    float[][] out = new float[rows.length * times][];
    for (int i = 0; i < out.length; i++) {
      out[i] = rows[i / times].clone();
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Conditioning c && Arrays.equals(classes, c.classes) && Arrays.equals(categories, c.categories)
        && Arrays.deepEquals(continuous, c.continuous);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(classes) + Arrays.hashCode(categories)) + Arrays.deepHashCode(continuous);
  }

  @Override
  public String toString() {
    return "Conditioning[classes=" + Arrays.toString(classes) + ", categories=" + Arrays.toString(categories)
        + ", continuous=" + Arrays.deepToString(continuous) + "]";
  }
}
