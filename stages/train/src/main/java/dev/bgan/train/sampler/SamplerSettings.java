package dev.bgan.train.sampler;

import dev.bgan.proto.TrainConfig;
import java.util.Locale;

/**
 * How weights move. {@code sgd}: the reference's momentum update with prior and noise in the
 * gradient; {@code adam}: Adam on the same noisy gradient; {@code sghmc}: textbook SGHMC on the
 * N-scaled potential. The first {@code adamWarmup} iterations use Adam whatever the optimizer, as
 * the reference does. {@code noise} and {@code prior} say which noise and which prior term the
 * steps add; maximum likelihood has neither.
 */
public record SamplerSettings(
    Optimizer optimizer, int adamWarmup, double momentum, double alpha, double eta, double priorStd, Noise noise,
    Prior prior) {

  public enum Optimizer { SGD, ADAM, SGHMC }

  /**
   * The noise of the noisy-gradient steps (sgd, adam and the Adam warm-up). {@code REFERENCE}: n / N_obs
   * with n ~ N(0, 2 alpha eta) added to the mean gradient; {@code SGHMC}: the noise that makes the momentum
   * step a textbook SGHMC step (below); {@code NONE}: none, in the sghmc optimizer's step too, which
   * otherwise always adds its own textbook noise.
   */
  public enum Noise { REFERENCE, SGHMC, NONE }

  /**
   * The prior term. {@code REFERENCE}: the gradient of sum over tensors of mean(w^2 / prior_std^2), the
   * reference's; {@code GAUSSIAN}: the gradient of the N(0, prior_std^2) negative log-density, sum(w^2) /
   * (2 prior_std^2), which the reference's term undercuts by half a tensor's size; {@code NONE}: none.
   * Both are divided by N_obs in the reference steps and enter the sghmc optimizer's potential undivided.
   */
  public enum Prior { REFERENCE, GAUSSIAN, NONE }

  /** The name of the reference's noise and prior, their defaults. */
  public static final String REFERENCE = "reference";

  static final double ADAM_BETA1 = 0.5;
  static final double ADAM_BETA2 = 0.999;
  static final double ADAM_EPSILON = 1e-8;

  /** The reference's prior and noise, or ({@code ml}) neither: the settings of a point estimate. */
  public SamplerSettings(Optimizer optimizer, int adamWarmup, double momentum, double alpha, double eta,
      double priorStd, boolean ml) {
    this(optimizer, adamWarmup, momentum, alpha, eta, priorStd, ml ? Noise.NONE : Noise.REFERENCE,
        ml ? Prior.NONE : Prior.REFERENCE);
  }

  public static SamplerSettings of(TrainConfig config) {
    // An ensemble's members are maximum-likelihood DCGANs.
    boolean ml = config.getMl() || config.getMlEnsemble() > 0;
    return new SamplerSettings(
        Optimizer.valueOf(config.getOptimizer().toUpperCase(Locale.ROOT)),
        config.getAdamWarmup(),
        config.getMomentum(),
        config.getAlpha(),
        config.getEta(),
        config.getPriorStd(),
        ml ? Noise.NONE : Noise.valueOf(noiseName(config).toUpperCase(Locale.ROOT)),
        ml ? Prior.NONE : Prior.valueOf(priorName(config).toUpperCase(Locale.ROOT)));
  }

  /** The config's noise, {@code reference} when unset. */
  public static String noiseName(TrainConfig config) {
    return config.hasNoise() ? config.getNoise() : REFERENCE;
  }

  /** The config's prior, {@code reference} when unset. */
  public static String priorName(TrainConfig config) {
    return config.hasPrior() ? config.getPrior() : REFERENCE;
  }

  /** The optimizer in force at iteration {@code t} (0-based). */
  public Optimizer at(int t) {
    return t < adamWarmup ? Optimizer.ADAM : optimizer;
  }

  /**
   * What moves the weights at iteration {@code t} (0-based), for people: {@code adam warm-up}, then
   * the optimizer's name ({@code sgd}, {@code adam}, {@code sghmc}); {@code + noise} where the
   * sampler adds noise.
   */
  public String phase(int t) {
    return noise == Noise.NONE ? stepName(t) : stepName(t) + " + noise";
  }

  /** What moves the weights at iteration {@code t}, short: {@code adam warm-up}, {@code sgd}, {@code sghmc}, {@code adam}. */
  public String stepName(int t) {
    return t < adamWarmup ? "adam warm-up" : optimizer.name().toLowerCase(Locale.ROOT);
  }

  /** Standard deviation of the reference's noise term before division by N_obs: sqrt(2 alpha eta). */
  public double noiseStd() {
    return Math.sqrt(2 * alpha * eta);
  }

  /**
   * Standard deviation of the textbook noise ({@link Noise#SGHMC}) added to the mean gradient of a
   * momentum step with momentum {@code m} and step size {@code lr}. Writing u = -lr v, the step u <- m u
   * - lr (grad U + xi) / N_obs; w += u, with grad U the N_obs-scaled potential's gradient, is SGHMC
   * (Chen et al. 2014, eq. 15) with friction 1 - m and step size lr / N_obs when lr xi / N_obs ~ N(0,
   * 2 (1 - m) lr / N_obs): the noise on the mean gradient, xi / N_obs, has variance 2 (1 - m) / (lr N_obs).
   */
  static double textbookStd(double m, double lr, double nObs) {
    return Math.sqrt(2 * (1 - m) / (lr * nObs));
  }
}
