package dev.bgan.train.sampler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.bgan.train.TorchRuntime;
import dev.bgan.train.sampler.SamplerSettings.Noise;
import dev.bgan.train.sampler.SamplerSettings.Optimizer;
import dev.bgan.train.sampler.SamplerSettings.Prior;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Sampler updates against numpy re-implementations of the formulas (float64), and the noise's
 * variance against its definition.
 */
class SghmcSamplerTest {
  private static final float[][] GRADS = {{0.1f, -0.2f, 0.3f}, {-0.05f, 0.4f, 0f}, {1f, 1f, -1f}};

  /** Leaves gradient {@code g} on {@code w} through a real backward pass: d/dw sum(w * g) = g. */
  private static void setGradient(NDArray w, float[] g, NDManager m) {
    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      gc.backward(w.mul(m.create(g)).sum());
    }
  }

  private static NDArray weights(NDManager m, float... values) {
    NDArray w = m.create(values);
    w.setRequiresGradient(true);
    return w;
  }

  private static float[] run(SamplerSettings settings, double lr, double nObs) {
    TorchRuntime.engine();
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      NDArray w = weights(m, 0.5f, -1f, 2f);
      SghmcSampler sampler = new SghmcSampler(settings, List.of(w), m);
      for (int t = 0; t < GRADS.length; t++) {
        setGradient(w, GRADS[t], m);
        try (NDManager step = m.newSubManager()) {
          sampler.step(List.of(w), t, lr, nObs, step);
        }
      }
      return w.toFloatArray();
    }
  }

  @Test
  void adamMatchesNumpy() {
    // numpy: m = .5m + .5g; v = .999v + .001g^2; w -= lr * (m/(1-.5^t)) / (sqrt(v/(1-.999^t)) + 1e-8)
    SamplerSettings adam = new SamplerSettings(Optimizer.ADAM, 0, 0.5, 0.01, 2e-4, 1, true);
    assertArrayEquals(new float[] {0.4801686615f, -1.0067097912f, 1.994050135f}, run(adam, 0.01, 1), 1e-6f);
  }

  @Test
  void referenceSgdWithPriorMatchesNumpy() {
    // numpy: g_total = g + 2w/(s^2 * 3)/N; vel = .5 vel + g_total; w -= lr vel  (s = .5, N = 10, lr = .1);
    // eta = 1e-30 makes the noise vanish so that the deterministic part can be compared exactly.
    SamplerSettings sgd = new SamplerSettings(Optimizer.SGD, 0, 0.5, 0.01, 1e-30, 0.5, false);
    assertArrayEquals(new float[] {0.3354056296f, -1.0150112593f, 1.828862963f}, run(sgd, 0.1, 10), 1e-6f);
  }

  @Test
  void adamWarmupThenSgd() {
    SamplerSettings settings = new SamplerSettings(Optimizer.SGD, 2, 0.5, 0.01, 2e-4, 1, false);
    assertEquals(Optimizer.ADAM, settings.at(0));
    assertEquals(Optimizer.ADAM, settings.at(1));
    assertEquals(Optimizer.SGD, settings.at(2));
  }

  @Test
  void withoutNoiseAndZeroLearningRateWeightsDoNotMove() {
    SamplerSettings ml = new SamplerSettings(Optimizer.SGD, 0, 0.5, 0.01, 2e-4, 1, true);
    assertArrayEquals(new float[] {0.5f, -1f, 2f}, run(ml, 0, 1), 0f);
  }

  /** Weights after one step from zero with a zero data gradient: what moved them is prior (0 at w = 0) and noise. */
  private static float[] oneStepFromZero(SamplerSettings settings, int seed, double lr, double nObs, int n) {
    TorchRuntime.engine();
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      Engine.getInstance().setRandomSeed(seed);
      NDArray w = m.zeros(new Shape(n), DataType.FLOAT32);
      w.setRequiresGradient(true);
      setGradient(w, new float[n], m);
      SghmcSampler sampler = new SghmcSampler(settings, List.of(w), m);
      try (NDManager step = m.newSubManager()) {
        sampler.step(List.of(w), 0, lr, nObs, step);
      }
      return w.toFloatArray();
    }
  }

  private static double meanSquare(float[] values) {
    double sq = 0;
    for (float v : values) {
      sq += (double) v * v;
    }
    return sq / values.length;
  }

  @Test
  void referenceNoiseHasVarianceTwoAlphaEtaOverNSquared() {
    int n = 200_000;
    double alpha = 0.01;
    double eta = 2e-4;
    double nObs = 4;
    // w = -lr * (0 + prior(0) + noise / N), lr = 1: its mean square estimates 2 alpha eta / N^2.
    float[] w = oneStepFromZero(new SamplerSettings(Optimizer.SGD, 0, 0.5, alpha, eta, 1e12, false), 7, 1.0, nObs, n);
    double expected = 2 * alpha * eta / (nObs * nObs);
    double mean = 0;
    for (float v : w) {
      mean += v;
    }
    mean /= n;
    // The sample variance of n Gaussians has standard error expected * sqrt(2 / n): allow 5 of them.
    assertEquals(expected, meanSquare(w) - mean * mean, 5 * expected * Math.sqrt(2.0 / n));
    assertEquals(0, mean, 5 * Math.sqrt(expected / n));
  }

  @Test
  void textbookSghmcNoiseVarianceIsTwoAlphaLr() {
    int n = 200_000;
    double alpha = 0.1;
    double lr = 1e-3;
    float[] w = oneStepFromZero(new SamplerSettings(Optimizer.SGHMC, 0, 0, alpha, 2e-4, 1e12, false), 11, lr, 1000, n);
    double expected = 2 * alpha * lr;
    assertEquals(expected, meanSquare(w), 5 * expected * Math.sqrt(2.0 / n));
  }

  @Test
  void referenceSgdWithoutNoiseIsItsDeterministicPart() {
    // The numpy of referenceSgdWithPriorMatchesNumpy, now with the noise off instead of eta = 1e-30.
    SamplerSettings sgd = new SamplerSettings(Optimizer.SGD, 0, 0.5, 0.01, 2e-4, 0.5, Noise.NONE, Prior.REFERENCE);
    assertArrayEquals(new float[] {0.3354056296f, -1.0150112593f, 1.828862963f}, run(sgd, 0.1, 10), 1e-6f);
  }

  @Test
  void gaussianPriorAndNoPriorMatchNumpy() {
    // numpy: g_total = g + p/N, p = w/s^2 (Gaussian) or 0; vel = .5 vel + g_total; w -= lr vel (s = .5, N = 10, lr = .1)
    SamplerSettings gaussian = new SamplerSettings(Optimizer.SGD, 0, 0.5, 0.01, 2e-4, 0.5, Noise.NONE, Prior.GAUSSIAN);
    assertArrayEquals(new float[] {0.309152f, -0.962104f, 1.723724f}, run(gaussian, 0.1, 10), 1e-6f);
    SamplerSettings flat = new SamplerSettings(Optimizer.SGD, 0, 0.5, 0.01, 2e-4, 0.5, Noise.NONE, Prior.NONE);
    assertArrayEquals(new float[] {0.39f, -1.125f, 2.0475f}, run(flat, 0.1, 10), 1e-6f);
  }

  @Test
  void sghmcWithGaussianPriorAndNoNoiseMatchesNumpy() {
    // numpy: gradU = N g + w/s^2; v = (1 - alpha) v - lr gradU; w += v (s = .5, N = 10, lr = .01, alpha = .1)
    SamplerSettings sghmc = new SamplerSettings(Optimizer.SGHMC, 0, 0, 0.1, 2e-4, 0.5, Noise.NONE, Prior.GAUSSIAN);
    assertArrayEquals(new float[] {0.275312f, -0.906424f, 1.589644f}, run(sghmc, 0.01, 10), 1e-6f);
  }

  @Test
  void textbookNoiseOfTheMomentumStepHasVarianceTwoOneMinusMLrOverN() {
    int n = 200_000;
    double lr = 1e-3;
    double nObs = 1437;
    // w = -lr * noise, noise ~ N(0, 2 (1 - m) / (lr N)): w's variance is 2 (1 - m) lr / N, SGHMC's 2 alpha eta
    // with alpha = 1 - m and eta = lr / N; prior_std 1e12 leaves the noise alone.
    float[] sgd = oneStepFromZero(new SamplerSettings(Optimizer.SGD, 0, 0.7, 0.01, 2e-4, 1e12, Noise.SGHMC,
        Prior.REFERENCE), 13, lr, nObs, n);
    double expected = 2 * (1 - 0.7) * lr / nObs;
    assertEquals(expected, meanSquare(sgd), 5 * expected * Math.sqrt(2.0 / n));
    // Adam's first step moves every weight by lr * sign(g_total) (epsilon aside) whatever the noise's scale:
    // with a zero data gradient, each weight moves by lr only if the noise reached it.
    float[] adam = oneStepFromZero(new SamplerSettings(Optimizer.ADAM, 0, 0.7, 0.01, 2e-4, 1e12, Noise.SGHMC,
        Prior.REFERENCE), 13, lr, nObs, 1000);
    for (float v : adam) {
      assertEquals(lr, Math.abs(v), 1e-3 * lr);
    }
  }

  @Test
  void withoutNoiseTheSghmcOptimizerIsDeterministic() {
    float[] w = oneStepFromZero(new SamplerSettings(Optimizer.SGHMC, 0, 0, 0.1, 2e-4, 1, Noise.NONE, Prior.REFERENCE),
        11, 1e-3, 1000, 1000);
    assertEquals(0, meanSquare(w), 0);
  }
}
