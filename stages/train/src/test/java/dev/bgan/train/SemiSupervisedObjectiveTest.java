package dev.bgan.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

/**
 * Expected values from numpy (float64) on the same logits:
 * <pre>
 * logits = [[2.0, -1.0, 0.5], [0.1, 0.2, -0.3]]; y = [2, 1]; lsm = log_softmax(logits, 1); sm = exp(lsm)
 * ce = -mean(lsm[range(2), y]); notfake = -mean(log(1 - sm[:, 0] + 1e-8)); fake = -mean(lsm[:, 0])
 * </pre>
 */
class SemiSupervisedObjectiveTest {
  private static final float[][] LOGITS = {{2.0f, -1.0f, 0.5f}, {0.1f, 0.2f, -0.3f}};

  @Test
  void lossesMatchNumpy() {
    TorchRuntime.engine();
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      NDArray logits = m.create(LOGITS);
      assertEquals(1.3310694761052082, SemiSupervisedObjective.crossEntropy(logits, m.create(new int[] {2, 1})).getFloat(), 1e-6);
      assertEquals(0.9933243138870838, SemiSupervisedObjective.notFakeLoss(logits).getFloat(), 1e-6);
      assertEquals(0.6310694761052082, SemiSupervisedObjective.fakeLoss(logits).getFloat(), 1e-6);
      assertEquals(0.42705317508509205, SemiSupervisedObjective.meanNotFake(logits), 1e-6);
    }
  }

  @Test
  void notFakeLossStaysFiniteWhenDiscriminatorIsCertainOfFake() {
    TorchRuntime.engine();
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      // p_fake rounds to 1 in float32: the 1e-8 keeps the log finite, as in the reference: -log(1e-8) = 18.42
      float loss = SemiSupervisedObjective.notFakeLoss(m.create(new float[][] {{100f, 0f, 0f}})).getFloat();
      assertEquals(18.420680743952367, loss, 0.05);
    }
  }
}
