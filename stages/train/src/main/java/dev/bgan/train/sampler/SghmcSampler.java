package dev.bgan.train.sampler;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.util.Pair;
import dev.bgan.train.engine.TorchJni;
import java.util.ArrayList;
import java.util.List;

/**
 * Moves one chain of weights by one step, given the gradient of the mean data loss left on the
 * weights by backward. With g the data gradient, N the number of observations the chain's
 * posterior conditions on, and n ~ N(0, 2 alpha eta):
 *
 * <pre>
 *   g_total = g + d/dw[ sum_tensors mean(w^2 / prior_std^2) ] / N + n / N      (reference)
 *   sgd:    v = momentum v + g_total;   w -= lr_t v
 *   adam:   Adam(beta1 0.5) step on g_total with lr_t
 *   sghmc:  grad U = N g + d/dw[prior];  v = (1 - alpha) v - lr_t grad U + N(0, 2 alpha lr_t);  w += v
 * </pre>
 *
 * The settings' {@link SamplerSettings.Prior} and {@link SamplerSettings.Noise} replace or drop the
 * prior term and the noise: with noise {@code SGHMC}, n / N in g_total has the textbook variance
 * 2 (1 - m) / (lr_t N), m the step's momentum (sgd: momentum; adam: beta1).
 *
 * Gradients are zeroed after the step. Buffers live in the manager given at construction;
 * every temporary lives in the per-step manager.
 */
public final class SghmcSampler {
  private final SamplerSettings settings;
  private final List<NDArray> momentum = new ArrayList<>();
  private final List<NDArray> adamMean = new ArrayList<>();
  private final List<NDArray> adamVariance = new ArrayList<>();
  private long adamSteps;

  public SghmcSampler(SamplerSettings settings, List<NDArray> weights, NDManager stateManager) {
    this.settings = settings;
    for (NDArray w : weights) {
      momentum.add(stateManager.zeros(w.getShape(), DataType.FLOAT32));
      adamMean.add(stateManager.zeros(w.getShape(), DataType.FLOAT32));
      adamVariance.add(stateManager.zeros(w.getShape(), DataType.FLOAT32));
    }
  }

  public void step(List<NDArray> weights, int iteration, double lr, double nObs, NDManager step) {
    SamplerSettings.Optimizer optimizer = settings.at(iteration);
    if (optimizer == SamplerSettings.Optimizer.ADAM) {
      adamSteps++;
    }
    for (int i = 0; i < weights.size(); i++) {
      NDArray w = weights.get(i);
      try (NDManager scope = step.newSubManager()) {
        NDArray g = scoped(scope, w.getGradient());
        switch (optimizer) {
          case SGD -> {
            NDArray total = referenceGradient(w, g, nObs, lr, settings.momentum(), scope);
            momentum.get(i).muli(settings.momentum()).addi(total);
            w.subi(scoped(scope, momentum.get(i).mul(lr)));
          }
          case ADAM -> adam(i, w, referenceGradient(w, g, nObs, lr, SamplerSettings.ADAM_BETA1, scope), lr, scope);
          case SGHMC -> sghmc(i, w, g, lr, nObs, scope);
        }
      }
      TorchJni.zeroGradient(w);
    }
  }

  /** g plus the prior term and the noise, both divided by N_obs; {@code m} is the step's momentum. */
  private NDArray referenceGradient(NDArray w, NDArray g, double nObs, double lr, double m, NDManager scope) {
    NDArray total = g.duplicate();
    if (settings.prior() != SamplerSettings.Prior.NONE) {
      total.addi(scoped(scope, priorGradient(w)).divi(nObs));
    }
    switch (settings.noise()) {
      case REFERENCE ->
          total.addi(scope.randomNormal(0f, (float) settings.noiseStd(), w.getShape(), DataType.FLOAT32).divi(nObs));
      case SGHMC -> total.addi(scope.randomNormal(0f, (float) SamplerSettings.textbookStd(m, lr, nObs), w.getShape(),
          DataType.FLOAT32));
      case NONE -> { }
    }
    return total;
  }

  private void adam(int i, NDArray w, NDArray g, double lr, NDManager scope) {
    double b1 = SamplerSettings.ADAM_BETA1;
    double b2 = SamplerSettings.ADAM_BETA2;
    NDArray m = adamMean.get(i).muli(b1).addi(g.mul(1 - b1));
    NDArray v = adamVariance.get(i).muli(b2).addi(g.square().muli(1 - b2));
    double correctedLr = lr * Math.sqrt(1 - Math.pow(b2, adamSteps)) / (1 - Math.pow(b1, adamSteps));
    NDArray denominator = scoped(scope, v.sqrt()).addi(SamplerSettings.ADAM_EPSILON);
    w.subi(scoped(scope, m.mul(correctedLr)).divi(denominator));
  }

  private void sghmc(int i, NDArray w, NDArray g, double lr, double nObs, NDManager scope) {
    NDArray gradU = g.mul(nObs);
    if (settings.prior() != SamplerSettings.Prior.NONE) {
      gradU.addi(scoped(scope, priorGradient(w)));
    }
    NDArray v = momentum.get(i).muli(1 - settings.alpha()).subi(gradU.muli(lr));
    if (settings.noise() != SamplerSettings.Noise.NONE) {
      float std = (float) Math.sqrt(2 * settings.alpha() * lr);
      v.addi(scope.randomNormal(0f, std, w.getShape(), DataType.FLOAT32));
    }
    w.addi(v);
  }

  /**
   * Gradient of one tensor's prior term: reference, mean(w^2 / prior_std^2): 2 w / (prior_std^2 * size);
   * Gaussian, sum(w^2) / (2 prior_std^2): w / prior_std^2.
   */
  private NDArray priorGradient(NDArray w) {
    double s = settings.priorStd();
    return settings.prior() == SamplerSettings.Prior.GAUSSIAN
        ? w.mul(1.0 / (s * s))
        : w.mul(2.0 / (s * s * w.getShape().size()));
  }

  /** Buffers and step count, for checkpoints. */
  public List<Pair<String, NDArray>> state() {
    List<Pair<String, NDArray>> state = new ArrayList<>();
    for (int i = 0; i < momentum.size(); i++) {
      state.add(new Pair<>("momentum/" + i, momentum.get(i)));
      state.add(new Pair<>("adam_mean/" + i, adamMean.get(i)));
      state.add(new Pair<>("adam_variance/" + i, adamVariance.get(i)));
    }
    return state;
  }

  public long adamSteps() {
    return adamSteps;
  }

  public void restoreAdamSteps(long steps) {
    adamSteps = steps;
  }

  private static NDArray scoped(NDManager scope, NDArray array) {
    array.attach(scope);
    return array;
  }
}
