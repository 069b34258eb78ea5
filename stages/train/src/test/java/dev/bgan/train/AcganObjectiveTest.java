package dev.bgan.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import dev.bgan.artifact.ArtifactSpec;
import dev.bgan.common.BadInputException;
import dev.bgan.proto.TrainConfig;
import dev.bgan.testing.Python;
import dev.bgan.train.nn.Conditioning;
import dev.bgan.train.nn.Heads;
import java.util.Arrays;
import java.util.List;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

/**
 * AC-GAN's losses against numpy on hand-made logits (moderate and saturated), and the pairing of
 * --arch acgan with its objective: picked by the family, refused elsewhere, the same artifact when
 * named explicitly.
 */
class AcganObjectiveTest {
  private static final float[][] LOGIT = {{2.0f}, {-1.5f}, {0.25f}, {30f}, {-40f}};
  private static final float[][] CLASS_LOGITS = {
      {1f, 0.5f, -2f}, {0f, 0f, 0f}, {3f, -1f, 2.5f}, {-20f, 25f, 0f}, {0.1f, 0.2f, 0.3f}};
  private static final int[] CLASSES = {0, 2, 1, 1, 2};

  private static final String NUMPY = """
      import sys, json, numpy as np
      l = np.array(json.loads(sys.argv[1]), dtype=np.float64)[:, 0]
      c = np.array(json.loads(sys.argv[2]), dtype=np.float64)
      y = np.array(json.loads(sys.argv[3]))
      softplus = lambda x: np.logaddexp(0, x)
      bce = lambda t: np.mean(t * softplus(-l) + (1 - t) * softplus(l))
      m = c.max(axis=1, keepdims=True)
      logp = c - m - np.log(np.exp(c - m).sum(axis=1, keepdims=True))
      ce = -np.mean(logp[np.arange(len(y)), y])
      sig = 1 / (1 + np.exp(-l))
      ce1 = -np.mean(logp[:, 1])
      print(*[repr(float(v)) for v in (0.5 * bce(0.95), 0.5 * bce(0.0), bce(0.95), ce, sig.mean(), ce1)])
      """;

  @Test
  void lossesMatchNumpy() {
    String[] expected = Python.run(List.of("numpy"), NUMPY, Arrays.deepToString(LOGIT),
        Arrays.deepToString(CLASS_LOGITS), Arrays.toString(CLASSES)).strip().split(" ");
    TorchRuntime.engine();
    AcganObjective acgan = new AcganObjective();
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      Heads heads = Heads.of(Heads.LOGITS, m.create(LOGIT)).with(Heads.CLASSES, m.create(CLASS_LOGITS));
      Conditioning classes = Conditioning.ofClasses(CLASSES);
      assertEquals(Double.parseDouble(expected[0]), acgan.realLoss(heads).getFloat(), 1e-5);
      assertEquals(Double.parseDouble(expected[1]), acgan.fakeLoss(heads).getFloat(), 1e-5);
      assertEquals(Double.parseDouble(expected[2]), acgan.generatorLoss(heads, null).getFloat(), 1e-5);
      // Two generators' fakes: the same logits, asked for CLASSES and for class 1 throughout.
      SortedMap<String, ai.djl.ndarray.NDArray> d = acgan.discriminatorTerms(heads, classes, List.of(heads, heads),
          List.of(classes, Conditioning.ofClasses(new int[] {1, 1, 1, 1, 1})));
      assertEquals(List.of(AcganObjective.CLASS_FAKE, AcganObjective.CLASS_REAL), List.copyOf(d.keySet()));
      assertEquals(0.5 * Double.parseDouble(expected[3]), d.get(AcganObjective.CLASS_REAL).getFloat(), 1e-5);
      assertEquals(0.5 * (Double.parseDouble(expected[3]) + Double.parseDouble(expected[5])) / 2,
          d.get(AcganObjective.CLASS_FAKE).getFloat(), 1e-5);
      SortedMap<String, ai.djl.ndarray.NDArray> g = acgan.generatorTerms(heads, classes);
      assertEquals(Double.parseDouble(expected[3]), g.get(AcganObjective.CLASS).getFloat(), 1e-5);
      assertEquals(Double.parseDouble(expected[4]), acgan.score(heads), 1e-6);
    }
  }

  @Test
  void theFamilyPicksItsObjectiveAndNoOtherTakesIt() {
    TrainConfig acgan = TrainConfigs.defaults().setArch("acgan").build();
    assertEquals("acgan", TrainConfigs.objective(TrainConfigs.validate(acgan)));
    assertEquals(TrainConfigs.defaults().build().getObjective(), "", "orig stays the default elsewhere");
    ArtifactSpec implicit = TrainStage.spec("dataset-0000000000000000", acgan);
    ArtifactSpec explicit = TrainStage.spec("dataset-0000000000000000", acgan.toBuilder().setObjective("acgan").build());
    assertEquals(implicit.cacheKey().artifactId("model"), explicit.cacheKey().artifactId("model"));

    assertEquals("parameter objective: reads the heads of the acgan networks: it needs --arch acgan (got acgan)",
        refused(TrainConfigs.defaults().setObjective("acgan")));
    assertEquals("parameter objective: does not combine with --arch acgan, which trains with its own objective acgan"
        + " (got lsgan)", refused(TrainConfigs.defaults().setArch("acgan").setObjective("lsgan")));
    assertEquals("parameter wasserstein: does not combine with --arch acgan, which trains with its own objective"
        + " acgan (got true)", refused(TrainConfigs.defaults().setArch("acgan").setWasserstein(true)));
    assertEquals("parameter semi_supervised: does not combine with --arch acgan (its objective uses the labels its own"
        + " way) (got true)", refused(TrainConfigs.defaults().setArch("acgan").setSemiSupervised(true)));
  }

  private static String refused(TrainConfig.Builder config) {
    return assertThrows(BadInputException.class, () -> TrainConfigs.validate(config.build())).getMessage();
  }
}
