package dev.bgan.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.bgan.testing.Python;
import dev.bgan.train.nn.Heads;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * HEAD's losses against numpy (float64) computing the reference's formulas literally on the same
 * hand-made logits and features: l = logsumexp(logits); -mean(l) + mean(softplus(l));
 * mean(softplus(l)); sigmoid(l); Huber (delta 1) of the gap between the batch means of fake and real
 * features, some gaps below delta and some above.
 */
class HeadObjectiveTest {
  private static final float[][] LOGITS = {{2.0f, -1.0f, 0.5f}, {0.1f, 0.2f, -0.3f}, {-4.0f, -3.5f, -6.0f}};
  private static final float[][] FAKE_FEATURES = {{0.5f, 3.0f, -1.0f, 0.0f}, {1.5f, -2.0f, 0.2f, 4.0f}};
  private static final float[][] REAL_FEATURES = {{0.1f, 0.0f, 0.3f, -2.5f}, {0.3f, 0.4f, 0.1f, -0.5f},
      {0.2f, 0.2f, 0.2f, 0.0f}};

  private static final String NUMPY = """
      import sys, json, numpy as np
      logits, fake, real = (np.array(json.loads(a), dtype=np.float64) for a in sys.argv[1:4])
      def lse(x):
          m = x.max(axis=1, keepdims=True)
          return (m + np.log(np.exp(x - m).sum(axis=1, keepdims=True)))[:, 0]
      softplus = lambda x: np.log1p(np.exp(x))
      l = lse(logits)
      gap = np.abs(fake.mean(axis=0) - real.mean(axis=0))
      huber = np.where(gap < 1.0, 0.5 * gap ** 2, gap - 0.5)
      values = [-l.mean() + softplus(l).mean(), softplus(l).mean(), (1 / (1 + np.exp(-l))).mean(), huber.mean()]
      print(*[repr(float(v)) for v in values], int((gap < 1).sum()), int((gap >= 1).sum()))
      """;

  @Test
  void lossesMatchNumpy() {
    String[] expected = Python.run(List.of("numpy"), NUMPY, json(LOGITS), json(FAKE_FEATURES), json(REAL_FEATURES))
        .strip().split(" ");
    assertTrue(Integer.parseInt(expected[4]) > 0 && Integer.parseInt(expected[5]) > 0,
        "the features exercise both branches of the Huber loss");
    HeadObjective head = new HeadObjective();
    TorchRuntime.engine();
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      Heads logits = Heads.of(Heads.LOGITS, m.create(LOGITS));
      assertEquals(Double.parseDouble(expected[0]), head.realLoss(logits).getFloat(), 1e-6);
      assertEquals(Double.parseDouble(expected[1]), head.fakeLoss(logits).getFloat(), 1e-6);
      assertEquals(Double.parseDouble(expected[2]), head.score(logits), 1e-6);
      assertEquals(Double.parseDouble(expected[3]),
          HeadObjective.featureLoss(m.create(FAKE_FEATURES), m.create(REAL_FEATURES)).getFloat(), 1e-6);
      // The generator's loss is the -log p(real) of its fakes plus the Huber term of their features.
      assertTrue(head.readsFeatures());
      assertEquals(Double.parseDouble(expected[0]) + Double.parseDouble(expected[3]),
          head.generatorLoss(logits.with(Heads.FEATURES, m.create(FAKE_FEATURES)),
              Heads.of(Heads.FEATURES, m.create(REAL_FEATURES))).getFloat(), 1e-6);
    }
  }

  @Test
  void outputsAreTheClassesWithoutAFakeOutput() {
    HeadObjective head = new HeadObjective();
    assertEquals(10, head.outputs(10));
    assertEquals(1, head.outputs(1));
    assertEquals(0, head.firstClassOutput());
    assertEquals(11, new OrigObjective().outputs(10));
    assertEquals(1, new OrigObjective().firstClassOutput());
  }

  @Test
  void lossesStayFiniteForLargeLogits() {
    HeadObjective head = new HeadObjective();
    TorchRuntime.engine();
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      // exp(200) overflows float32: the shifted logsumexp gives l = 200 + log 2, softplus(-l) ~ 0 and softplus(l) ~ l.
      Heads logits = Heads.of(Heads.LOGITS, m.create(new float[][] {{200f, 200f}}));
      assertEquals(0, head.realLoss(logits).getFloat(), 1e-6);
      assertEquals(200 + Math.log(2), head.fakeLoss(logits).getFloat(), 1e-3);
      Heads negative = Heads.of(Heads.LOGITS, m.create(new float[][] {{-200f, -300f}}));
      assertEquals(200, head.realLoss(negative).getFloat(), 1e-3);
      assertEquals(0, head.fakeLoss(negative).getFloat(), 1e-6);
    }
  }

  private static String json(float[][] rows) {
    return Arrays.deepToString(Arrays.stream(rows).map(r -> {
      Float[] boxed = new Float[r.length];
      for (int i = 0; i < r.length; i++) {
        boxed[i] = r[i];
      }
      return boxed;
    }).toArray());
  }
}
