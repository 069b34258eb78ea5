package dev.bgan.train;

import java.util.Map;

/**
 * What moved a model's weights, in words, from its recorded parameters: "Adam warm-up + noise (all
 * 300)" for a run that never left the warm-up (train_iter <= adam_warmup), else the warm-up's
 * length and the optimizer ("Adam warm-up 100, then sghmc + noise"). Derived, not recorded: a field
 * in the model would change the bytes of models already made. The report and {@code artifacts show}
 * print it.
 */
public final class SamplerPhases {
  private SamplerPhases() {}

  public static String describe(Map<String, String> params) {
    String optimizer = params.getOrDefault("optimizer", "n/a");
    boolean ml = "true".equals(params.get("ml")) || params.getOrDefault("ml_ensemble", "").matches("[1-9][0-9]*");
    String noise = ml ? "" : " + noise";
    try {
      long iterations = Long.parseLong(params.getOrDefault("train_iter", "n/a"));
      long warmup = Long.parseLong(params.getOrDefault("adam_warmup", "n/a"));
      if (optimizer.equals("adam")) {
        return "Adam" + noise;
      }
      return iterations <= warmup ? "Adam warm-up" + noise + " (all " + iterations + ")"
          : "Adam warm-up " + warmup + ", then " + optimizer + noise;
    } catch (NumberFormatException e) {
      return optimizer;
    }
  }
}
