package dev.bgan.prepare.synthetic;

import org.apache.commons.math3.random.MersenneTwister;

/**
 * numpy's legacy {@code RandomState} stream ({@code np.random.seed(s)}, {@code random_sample},
 * {@code randn}): MT19937 seeded by init_genrand, doubles of 53 bits from two 32-bit outputs
 * ({@code (a >>> 5) * 2^26 + (b >>> 6)) / 2^53}), and normals by the polar Box-Muller method that
 * keeps the second value of each pair for the next call. The same seed gives the same numbers as
 * numpy, which is what makes the synthetic data the reference's. Not thread-safe.
 */
public final class LegacyRandomState {
  public static final long MAX_SEED = Integer.MAX_VALUE;

  private final MersenneTwister twister;
  private boolean hasGauss;
  private double gauss;

  /**
   * As {@code np.random.seed(seed)}: init_genrand. numpy takes seeds up to 2^32 - 1, but
   * MersenneTwister(int) sign-extends the seed in its first recurrence step, so it agrees with
   * init_genrand only for seeds 0 .. 2^31 - 1: those are the seeds we take.
   */
  public LegacyRandomState(long seed) {
    if (seed < 0 || seed > MAX_SEED) {
      throw new IllegalArgumentException("seed must be in 0.." + MAX_SEED + ", got " + seed);
    }
    this.twister = new MersenneTwister((int) seed);
  }

  /** {@code np.random.random_sample()}: uniform in [0, 1) with 53 random bits. */
  public double nextDouble() {
    long a = (twister.nextInt() & 0xffffffffL) >>> 5;
    long b = (twister.nextInt() & 0xffffffffL) >>> 6;
    return (a * 67108864.0 + b) / 9007199254740992.0;
  }

  /** {@code np.random.standard_normal()} (legacy_gauss). */
  public double nextGaussian() {
    if (hasGauss) {
      hasGauss = false;
      return gauss;
    }
    double x1;
    double x2;
    double r2;
    do {
      x1 = 2.0 * nextDouble() - 1.0;
      x2 = 2.0 * nextDouble() - 1.0;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1.0 || r2 == 0.0);
    // StrictMath: the same bits on every JVM (glibc's log and sqrt agree with it here, see the tests).
    double f = StrictMath.sqrt(-2.0 * StrictMath.log(r2) / r2);
    gauss = f * x1;
    hasGauss = true;
    return f * x2;
  }

  /** {@code np.random.randn(n)}: n standard normals, in order (a C-order array's elements). */
  public double[] gaussians(int n) {
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = nextGaussian();
    }
    return out;
  }
}
