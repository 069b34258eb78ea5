package dev.bgan.train;

import dev.bgan.common.BadInputException;
import dev.bgan.proto.TrainConfig;
import dev.bgan.train.sampler.SamplerSettings;
import java.util.Set;

/** Defaults (the reference's, where it has one) and validation of {@link TrainConfig}. */
public final class TrainConfigs {
  private static final Set<String> OPTIMIZERS = Set.of("sgd", "adam", "sghmc");
  private static final Set<String> DEVICES = Set.of("cpu", "gpu", "auto");
  private static final Set<String> NOISES = Set.of(SamplerSettings.REFERENCE, "sghmc", "none");
  private static final Set<String> PRIORS = Set.of(SamplerSettings.REFERENCE, "gaussian", "none");
  private static final String REFERENCE = SamplerSettings.REFERENCE;
  public static final String ORIG = "orig";
  public static final String HEAD = "head";
  public static final String LSGAN = "lsgan";
  public static final String ACGAN = "acgan";

  private TrainConfigs() {}

  public static TrainConfig.Builder defaults() {
    return TrainConfig.newBuilder()
        .setSemiSupervised(false)
        .setN(100)
        .setNumz(1)
        .setNumMcmc(1)
        .setNumDisc(1)
        .setWasserstein(false)
        .setClip(0.01)
        .setGradientPenalty(0)
        .setMlEnsemble(0)
        .setDevice("cpu")
        .setTrainIter(50000)
        .setBatchSize(64)
        .setZDim(100)
        .setLr(0.005)
        .setLrDecay(3.0)
        .setOptimizer("sgd")
        .setAdamWarmup(5000)
        .setMomentum(0.5)
        .setAlpha(0.01)
        .setEta(2e-4)
        .setPriorStd(1.0)
        .setGenObserved(1000)
        .setMl(false)
        .setNSave(100)
        .setRandomSeed(2222)
        .setGfDim(64)
        .setDfDim(64)
        .setSupervisedBaseline(true)
        .setLogTestSize(1000)
        .setArch("");
  }

  /**
   * A one-line warning when the run is not what its optimizer says: with {@code train_iter <=
   * adam_warmup} every iteration is the Adam warm-up, and a non-Adam optimizer never runs.
   * Empty when the run is what it says.
   */
  public static java.util.Optional<String> samplerWarning(TrainConfig c) {
    if (c.getOptimizer().equals("adam") || c.getTrainIter() > c.getAdamWarmup()) {
      return java.util.Optional.empty();
    }
    boolean noise = !(c.getMl() || c.getMlEnsemble() > 0);
    return java.util.Optional.of(String.format(
        "train_iter %d <= adam_warmup %d: every iteration is the Adam warm-up%s and optimizer %s never runs"
            + " (set adam_warmup below train_iter to sample with %s)",
        c.getTrainIter(), c.getAdamWarmup(), noise ? " (+ noise)" : "", c.getOptimizer(), c.getOptimizer()));
  }

  /** Checks every value and combination; the message names the parameter and the bad value. */
  public static TrainConfig validate(TrainConfig c) {
    positive("N", c.getN());
    positive("numz", c.getNumz());
    positive("num_mcmc", c.getNumMcmc());
    positive("num_disc", c.getNumDisc());
    positive("train_iter", c.getTrainIter());
    positive("batch_size", c.getBatchSize());
    positive("z_dim", c.getZDim());
    positive("n_save", c.getNSave());
    positive("gf_dim", c.getGfDim());
    positive("df_dim", c.getDfDim());
    if (!(c.getLr() >= 0) || Double.isInfinite(c.getLr())) {
      throw BadInputException.inParameter("lr", c.getLr(), "must be a finite number >= 0");
    }
    if (c.hasGenLr() && !(c.getGenLr() > 0 && !Double.isInfinite(c.getGenLr()))) {
      throw BadInputException.inParameter("gen_lr", c.getGenLr(), "must be a finite number > 0 (unset: lr)");
    }
    if (!(c.getLrDecay() >= 0)) {
      throw BadInputException.inParameter("lr_decay", c.getLrDecay(), "must be >= 0");
    }
    if (!OPTIMIZERS.contains(c.getOptimizer())) {
      throw BadInputException.inParameter("optimizer", c.getOptimizer(), "must be one of sgd, adam, sghmc");
    }
    if (!(c.getMomentum() >= 0 && c.getMomentum() < 1)) {
      throw BadInputException.inParameter("momentum", c.getMomentum(), "must be in [0, 1)");
    }
    if (!(c.getAlpha() > 0 && c.getAlpha() <= 1)) {
      throw BadInputException.inParameter("alpha", c.getAlpha(), "must be in (0, 1]");
    }
    if (!(c.getEta() > 0)) {
      throw BadInputException.inParameter("eta", c.getEta(), "must be > 0");
    }
    if (!(c.getPriorStd() > 0)) {
      throw BadInputException.inParameter("prior_std", c.getPriorStd(), "must be > 0");
    }
    positive("gen_observed", c.getGenObserved());
    if (!(c.getClip() > 0) || Double.isInfinite(c.getClip())) {
      throw BadInputException.inParameter("clip", c.getClip(), "must be a finite number > 0");
    }
    if (!(c.getGradientPenalty() >= 0) || Double.isInfinite(c.getGradientPenalty())) {
      throw BadInputException.inParameter("gradient_penalty", c.getGradientPenalty(), "must be a finite number >= 0");
    }
    if (c.getGradientPenalty() > 0 && !c.getWasserstein()) {
      throw BadInputException.inParameter("gradient_penalty", c.getGradientPenalty(), "needs --wasserstein (it constrains a critic)");
    }
    if (!DEVICES.contains(c.getDevice())) {
      throw BadInputException.inParameter("device", c.getDevice(), "must be one of cpu, gpu, auto");
    }
    if (c.getMlEnsemble() > 0 && (c.getNumz() != 1 || c.getNumMcmc() != 1 || c.getNumDisc() != 1)) {
      throw BadInputException.inParameter("ml_ensemble", c.getMlEnsemble(), "trains K DCGANs of one generator and"
          + " one discriminator each: leave numz, num_mcmc and num_disc at 1 (got " + c.getNumz() + ", "
          + c.getNumMcmc() + ", " + c.getNumDisc() + ")");
    }
    if (!NetworkFamilies.isKnown(c.getArch())) {
      throw BadInputException.inParameter("arch", c.getArch(), NetworkFamilies.CHOICES);
    }
    if (c.hasObjective() && !Objectives.isKnown(c.getObjective())) {
      throw BadInputException.inParameter("objective", c.getObjective(), Objectives.choices());
    }
    validateFamilyObjective(c);
    if ((c.hasLsA() || c.hasLsB() || c.hasLsC()) && !objective(c).equals(LSGAN)) {
      throw BadInputException.inParameter(c.hasLsA() ? "ls_a" : c.hasLsB() ? "ls_b" : "ls_c",
          c.hasLsA() ? c.getLsA() : c.hasLsB() ? c.getLsB() : c.getLsC(), "is LSGAN's coding: it needs --objective lsgan");
    }
    for (double target : new double[] {c.getLsA(), c.getLsB(), c.getLsC()}) {
      if (!Double.isFinite(target)) {
        throw BadInputException.inParameter("ls_a, ls_b, ls_c", target, "must be finite numbers");
      }
    }
    if (c.hasInfoLambda() && (!objective(c).equals(NetworkFamilies.INFOGAN) || !(c.getInfoLambda() > 0)
        || Double.isInfinite(c.getInfoLambda()))) {
      throw BadInputException.inParameter("info_lambda", c.getInfoLambda(), "is InfoGAN's weight of L_I: it needs"
          + " --arch infogan and a finite number > 0");
    }
    if (c.hasInfoContinuousWeight() && (!objective(c).equals(NetworkFamilies.INFOGAN)
        || !(c.getInfoContinuousWeight() > 0) || Double.isInfinite(c.getInfoContinuousWeight()))) {
      throw BadInputException.inParameter("info_continuous_weight", c.getInfoContinuousWeight(), "is InfoGAN's"
          + " weight of the continuous codes in L_I: it needs --arch infogan and a finite number > 0");
    }
    if (c.getInfoFixedStd() && !objective(c).equals(NetworkFamilies.INFOGAN)) {
      throw BadInputException.inParameter("info_fixed_std", true, "is InfoGAN's: it needs --arch infogan");
    }
    if (c.hasNoise() && !NOISES.contains(c.getNoise())) {
      throw BadInputException.inParameter("noise", c.getNoise(), "must be one of reference, sghmc, none");
    }
    if (c.hasPrior() && !PRIORS.contains(c.getPrior())) {
      throw BadInputException.inParameter("prior", c.getPrior(), "must be one of reference, gaussian, none");
    }
    boolean ml = c.getMl() || c.getMlEnsemble() > 0;
    if (ml && (!SamplerSettings.noiseName(c).equals(REFERENCE) || !SamplerSettings.priorName(c).equals(REFERENCE))) {
      String name = !SamplerSettings.noiseName(c).equals(REFERENCE) ? "noise" : "prior";
      throw BadInputException.inParameter(name, name.equals("noise") ? c.getNoise() : c.getPrior(),
          "does not combine with " + (c.getMl() ? "--ml" : "--ml_ensemble") + ", which has neither noise nor prior");
    }
    if (SamplerSettings.noiseName(c).equals("sghmc") && !(c.getLr() > 0)) {
      throw BadInputException.inParameter("noise", "sghmc", "needs lr > 0 (its variance is 2 (1 - m) / (lr_t N_obs))");
    }
    if (c.getWasserstein() && c.getObjective().equals(HEAD)) {
      throw BadInputException.inParameter("objective", HEAD, "does not combine with --wasserstein (a critic has"
          + " one unbounded output, no logsumexp of class logits)");
    }
    if (c.getWasserstein() && !objective(c).equals(ORIG)) {
      throw BadInputException.inParameter("objective", objective(c), "does not combine with --wasserstein (the"
          + " critic has its own Wasserstein losses)");
    }
    return c;
  }

  /** The objective's name when unset: the family's own objective if it has one, else orig. */
  public static String objective(TrainConfig c) {
    return c.hasObjective() ? c.getObjective() : defaultObjective(c.getArch());
  }

  /**
   * The config as its artifact id sees it: an objective the family would pick anyway (orig, or a
   * conditional family's own), an explicit {@code noise = reference} or {@code prior = reference} is
   * cleared, so that it names the same artifact as a config written before the option existed.
   */
  public static TrainConfig normalized(TrainConfig c) {
    TrainConfig.Builder b = c.toBuilder();
    if (c.getObjective().equals(defaultObjective(c.getArch()))) {
      b.clearObjective();
    }
    if (c.getNoise().equals(REFERENCE)) {
      b.clearNoise();
    }
    if (c.getPrior().equals(REFERENCE)) {
      b.clearPrior();
    }
    if (!c.getInfoFixedStd()) {
      b.clearInfoFixedStd();
    }
    return b.build();
  }

  private static String defaultObjective(String arch) {
    return Objectives.ofFamily(arch).map(Objectives.Entry::name).orElse(ORIG);
  }

  /** A family's own objective trains that family alone, unsupervised, and the family no other objective. */
  private static void validateFamilyObjective(TrainConfig c) {
    String objective = objective(c);
    String family = Objectives.familyOf(objective);
    if (!family.isEmpty() && !family.equals(c.getArch())) {
      throw BadInputException.inParameter("objective", objective, "reads the heads of the " + family
          + " networks: it needs --arch " + family);
    }
    java.util.Optional<Objectives.Entry> own = Objectives.ofFamily(c.getArch());
    if (own.isPresent() && (!own.get().name().equals(objective) || c.getWasserstein())) {
      throw BadInputException.inParameter(c.getWasserstein() ? "wasserstein" : "objective",
          c.getWasserstein() ? "true" : objective, "does not combine with --arch " + c.getArch()
          + ", which trains with its own objective " + own.get().name());
    }
    if (own.isPresent() && c.getSemiSupervised()) {
      throw BadInputException.inParameter("semi_supervised", true, "does not combine with --arch " + c.getArch()
          + " (its objective uses the labels its own way)");
    }
  }

  private static void positive(String name, long value) {
    if (value < 1) {
      throw BadInputException.inParameter(name, value, "must be >= 1");
    }
  }
}
