package dev.bgan.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bgan.proto.EvaluationMetrics;
import dev.bgan.train.DiscriminatorClassifier;
import org.junit.jupiter.api.Test;

/** Both accuracies on hand-made K+1 = 4 output probabilities (index 0 = fake), labels 0..2. */
class AccuracyMetricsTest {
  // Rows: argmax over all is fake (real argmax class 1) | class 0 | class 2 | fake (real argmax class 2) | class 1
  private static final float[] PROBS = {
      0.70f, 0.05f, 0.20f, 0.05f,
      0.10f, 0.60f, 0.20f, 0.10f,
      0.10f, 0.10f, 0.20f, 0.60f,
      0.40f, 0.10f, 0.20f, 0.30f,
      0.05f, 0.05f, 0.80f, 0.10f,
  };
  private static final int[] LABELS = {1, 0, 2, 0, 0};

  @Test
  void accuracyIgnoresTheFakeClass() {
    // real-class argmax per row: 1, 0, 2, 2, 1 -> correct: rows 0, 1, 2 -> 3/5
    assertEquals(0.6, DiscriminatorClassifier.accuracy(PROBS, 1, LABELS, LABELS.length), 1e-12);
  }

  @Test
  void referenceAccuracyDropsPointsPredictedFake() {
    EvaluationMetrics.Builder m = EvaluationMetrics.newBuilder();
    EvaluateStage.setExcludingFake(m, PROBS, LABELS);
    // rows 0 and 3 are predicted fake; of rows 1, 2, 4 the predictions are 0, 2, 1 against labels 0, 2, 0
    assertEquals(2.0 / 3, m.getSemiSupervisedAccuracyExcludingFake(), 1e-12);
    assertEquals(0.4, m.getFractionPredictedFake(), 1e-12);
  }

  @Test
  void argMaxBreaksTiesTowardsTheFirst() {
    // relative to the offset: the 9 before it is not looked at
    assertEquals(0, DiscriminatorClassifier.argMax(new float[] {9f, 0.5f, 0.5f, 0.1f}, 1, 3));
    assertEquals(2, DiscriminatorClassifier.argMax(new float[] {9f, 0.1f, 0.2f, 0.9f}, 1, 3));
  }
}
