package dev.bgan.train.sampler;

import dev.bgan.proto.TrainConfig;

/**
 * How weights move. {@code sgd}: the reference's momentum update with prior and noise in the
 * gradient; {@code adam}: Adam on the same noisy gradient; {@code sghmc}: textbook SGHMC on the
 * N-scaled potential. The first {@code adamWarmup} iterations use Adam whatever the optimizer, as
 * the reference does. {@code ml} turns prior and noise off (maximum likelihood).
 */
public record SamplerSettings(
    Optimizer optimizer, int adamWarmup, double momentum, double alpha, double eta, double priorStd, boolean ml) {

  public enum Optimizer { SGD, ADAM, SGHMC }

  static final double ADAM_BETA1 = 0.5;
  static final double ADAM_BETA2 = 0.999;
  static final double ADAM_EPSILON = 1e-8;

  public static SamplerSettings of(TrainConfig config) {
    return new SamplerSettings(
        Optimizer.valueOf(config.getOptimizer().toUpperCase(java.util.Locale.ROOT)),
        config.getAdamWarmup(),
        config.getMomentum(),
        config.getAlpha(),
        config.getEta(),
        config.getPriorStd(),
        // An ensemble's members are maximum-likelihood DCGANs.
        config.getMl() || config.getMlEnsemble() > 0);
  }

  /** The optimizer in force at iteration {@code t} (0-based). */
  public Optimizer at(int t) {
    return t < adamWarmup ? Optimizer.ADAM : optimizer;
  }

  /**
   * What moves the weights at iteration {@code t} (0-based), for people: {@code adam warm-up}, then
   * the optimizer's name ({@code sgd}, {@code adam}, {@code sghmc}); {@code + noise} where the
   * sampler adds noise (not under maximum likelihood).
   */
  public String phase(int t) {
    return ml ? stepName(t) : stepName(t) + " + noise";
  }

  /** What moves the weights at iteration {@code t}, short: {@code adam warm-up}, {@code sgd}, {@code sghmc}, {@code adam}. */
  public String stepName(int t) {
    return t < adamWarmup ? "adam warm-up" : optimizer.name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Standard deviation of the reference's noise term before division by N_obs: sqrt(2 alpha eta). */
  public double noiseStd() {
    return Math.sqrt(2 * alpha * eta);
  }
}
