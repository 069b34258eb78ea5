package dev.bgan.train;

import dev.bgan.proto.TrainConfig;

/**
 * LSGAN's coding (Mao et al. 2017): the discriminator's target {@code a} for fakes and {@code b}
 * for real examples, and {@code c}, the value the generator wants its fakes to get. The paper's
 * default is a = -1, b = 1, c = 0; its 0-1 coding is a = 0, b = c = 1.
 */
public record LsganCoding(double a, double b, double c) {
  public static final LsganCoding DEFAULT = new LsganCoding(-1, 1, 0);

  /** The coding {@code config} trains with: its ls_a, ls_b, ls_c where set, else the default's. */
  public static LsganCoding of(TrainConfig config) {
    return new LsganCoding(config.hasLsA() ? config.getLsA() : DEFAULT.a(),
        config.hasLsB() ? config.getLsB() : DEFAULT.b(), config.hasLsC() ? config.getLsC() : DEFAULT.c());
  }
}
