package dev.bgan.evaluate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.BatchNorm;
import dev.bgan.artifact.ArtifactSpec;
import dev.bgan.common.BadInputException;
import dev.bgan.dataset.ImageSplit;
import dev.bgan.train.RealDigitsSplits;
import dev.bgan.train.TorchRuntime;
import dev.bgan.train.nn.Network;
import org.junit.jupiter.api.Test;

/**
 * Re-estimated batch-norm statistics against the exponential moving average of the real batches'
 * statistics computed here in double precision (batch-norm momentum 0.9, unbiased batch variance,
 * epsilon 1e-5, starting from mean 0 and variance 1), on scikit-learn's digits.
 */
class BatchNormStatisticsTest {
  @Test
  void aBatchNormLayerNormalisesWithTheMovingAverageOfTheRealBatches() {
    ImageSplit train = RealDigitsSplits.train();
    ImageSplit test = RealDigitsSplits.test();
    double mean = 0;
    double variance = 1;
    for (int start = 0; start < train.size(); start += 64) {
      int n = Math.min(64, train.size() - start);
      float[] x = train.chwScaled(range(start, n));
      double sum = 0;
      for (float v : x) {
        sum += v;
      }
      double batchMean = sum / x.length;
      double squares = 0;
      for (float v : x) {
        squares += (v - batchMean) * (v - batchMean);
      }
      mean = 0.9 * mean + 0.1 * batchMean;
      variance = 0.9 * variance + 0.1 * squares / (x.length - 1);
    }
    float[] input = test.chwScaled(range(0, 4));
    float[] expected = new float[input.length];
    for (int i = 0; i < input.length; i++) {
      expected[i] = (float) ((input[i] - mean) / Math.sqrt(variance + 1e-5));
    }
    TorchRuntime.engine();
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      Shape shape = new Shape(4, 1, 8, 8);
      Network bn = Network.create(BatchNorm.builder().build(), m, shape, 1);
      float[] before = bn.forward(m.create(input, shape), false).toFloatArray();
      BatchNormStatistics.reestimate(bn, train, m);
      float[] after = bn.forward(m.create(input, shape), false).toFloatArray();
      assertArrayEquals(expected, after, 1e-4f);
      // Before the pass, the layer's statistics were its initial ones (mean 0, variance 1): inputs pass through.
      assertArrayEquals(input, before, 1e-4f);
    }
  }

  @Test
  void anUnknownChoiceIsRefusedByName() {
    BadInputException e = assertThrows(BadInputException.class,
        () -> EvaluateStage.validate(EvaluateStage.defaults().setBatchNorm("test").build()));
    assertEquals("parameter batch_norm: must be one of running, real (got test)", e.getMessage());
  }

  @Test
  void theDefaultLeavesTheIdAsItWasAndRealNamesAnother() {
    String model = "model-0123456789abcdef";
    ArtifactSpec running = EvaluateStage.spec(model, EvaluateStage.defaults().build());
    ArtifactSpec real = EvaluateStage.spec(model, EvaluateStage.defaults().setBatchNorm("real").build());
    assertFalse(running.params().containsKey("batch_norm"));
    assertEquals("real", real.params().get("batch_norm"));
    assertNotEquals(running.cacheKey().artifactId("metrics"), real.cacheKey().artifactId("metrics"));
  }

  private static int[] range(int start, int n) {
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) {
      idx[i] = start + i;
    }
    return idx;
  }
}
