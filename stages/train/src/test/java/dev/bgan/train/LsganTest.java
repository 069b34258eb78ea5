package dev.bgan.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.bgan.common.BadInputException;
import dev.bgan.dataset.ImageSplit;
import dev.bgan.proto.TrainConfig;
import dev.bgan.proto.TrainingLog;
import dev.bgan.proto.TrainingLogEntry;
import dev.bgan.testing.Python;
import dev.bgan.train.nn.DcganFamily;
import dev.bgan.train.nn.DcganGeometry;
import dev.bgan.train.nn.Heads;
import dev.bgan.train.nn.Network;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LSGAN's least-squares losses against numpy, its options, and a real semi-supervised run on digits. */
class LsganTest {
  private static final float[][] LOGITS = {{2.0f, -1.0f, 0.5f}, {0.1f, 0.2f, -0.3f}, {-4.0f, -3.5f, -6.0f}};
  private static final float[][] SINGLE = {{1.5f}, {-0.25f}, {0.75f}, {3.0f}};

  private static final String NUMPY = """
      import sys, json, numpy as np
      x = np.array(json.loads(sys.argv[1]), dtype=np.float64)
      a, b, c = (float(v) for v in sys.argv[2:5])
      if x.shape[1] == 1:
          v = x[:, 0]
      else:
          m = x.max(axis=1, keepdims=True)
          v = (m + np.log(np.exp(x - m).sum(axis=1, keepdims=True)))[:, 0]
      print(*[repr(float(t)) for t in (0.5 * np.mean((v - b) ** 2), 0.5 * np.mean((v - a) ** 2),
                                         0.5 * np.mean((v - c) ** 2), v.mean())])
      """;

  @TempDir Path work;

  @Test
  void lossesMatchNumpyForBothCodingsAndBothOutputLayouts() {
    TorchRuntime.engine();
    for (float[][] outputs : List.of(LOGITS, SINGLE)) {
      for (double[] coding : List.of(new double[] {-1, 1, 0}, new double[] {0, 1, 1}, new double[] {-0.5, 2, 0.25})) {
        String[] expected = Python.run(List.of("numpy"), NUMPY, Arrays.deepToString(outputs),
            Double.toString(coding[0]), Double.toString(coding[1]), Double.toString(coding[2])).strip().split(" ");
        LsganObjective lsgan = new LsganObjective(coding[0], coding[1], coding[2]);
        try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
          Heads heads = Heads.of(Heads.LOGITS, m.create(outputs));
          String what = Arrays.deepToString(outputs) + " coding " + Arrays.toString(coding);
          assertEquals(Double.parseDouble(expected[0]), lsgan.realLoss(heads).getFloat(), 1e-5, what);
          assertEquals(Double.parseDouble(expected[1]), lsgan.fakeLoss(heads).getFloat(), 1e-5, what);
          assertEquals(Double.parseDouble(expected[2]), lsgan.generatorLoss(heads, null).getFloat(), 1e-5, what);
          assertEquals(Double.parseDouble(expected[3]), lsgan.score(heads), 1e-5, what);
        }
      }
    }
  }

  @Test
  void theCodingDefaultsToMinusOneOneZeroAndIsReadFromTheConfig() {
    TorchRuntime.engine();
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      Heads zero = Heads.of(Heads.LOGITS, m.zeros(new Shape(2, 1)));
      GanObjective defaults = Objectives.of(TrainConfigs.defaults().setObjective("lsgan").build());
      assertEquals(0.5, defaults.realLoss(zero).getFloat(), 0);
      assertEquals(0.5, defaults.fakeLoss(zero).getFloat(), 0);
      assertEquals(0, defaults.generatorLoss(zero, null).getFloat(), 0);
      GanObjective zeroOne = Objectives.of(TrainConfigs.defaults().setObjective("lsgan").setLsA(0).setLsB(1).setLsC(1)
          .build());
      assertEquals(0, zeroOne.fakeLoss(zero).getFloat(), 0);
      assertEquals(0.5, zeroOne.generatorLoss(zero, null).getFloat(), 0);
      assertEquals(10, zeroOne.outputs(10));
      assertEquals(0, zeroOne.firstClassOutput());
    }
  }

  @Test
  void optionsAreRefusedWhereTheyDoNotApply() {
    BadInputException coding = assertThrows(BadInputException.class,
        () -> TrainConfigs.validate(TrainConfigs.defaults().setLsA(0).build()));
    assertEquals("parameter ls_a: is LSGAN's coding: it needs --objective lsgan (got 0.0)", coding.getMessage());
    BadInputException critic = assertThrows(BadInputException.class,
        () -> TrainConfigs.validate(TrainConfigs.defaults().setObjective("lsgan").setWasserstein(true).build()));
    assertEquals("parameter objective: does not combine with --wasserstein (the critic has its own Wasserstein"
        + " losses) (got lsgan)", critic.getMessage());
    BadInputException nan = assertThrows(BadInputException.class,
        () -> TrainConfigs.validate(TrainConfigs.defaults().setObjective("lsgan").setLsB(Double.NaN).build()));
    assertEquals("parameter ls_a, ls_b, ls_c: must be finite numbers (got NaN)", nan.getMessage());
  }

  /**
   * Semi-supervised LSGAN with the Bayesian sampler (J = 2) on real digits: the discriminator
   * classifies, and no generator is degenerate (its samples' mean pairwise distance is more than a
   * tenth of the real images'). At this scale (widths 8, 300 iterations of the Adam warm-up) every
   * objective's samples are far less diverse than the data: measured with seed 3, mean pairwise
   * distance 0.87 and 1.18 for LSGAN's two generators, 0.59 and 0.58 for ORIG's, 6.04 for 64 real
   * images (at lr 5e-4: 0.71, 0.73 and 0.76, 0.77); test accuracy 0.686 (LSGAN), 0.569 (ORIG).
   */
  @Test
  @Tag("real-data")
  void bayesianLsganClassifiesDigitsWithoutCollapse() throws IOException {
    TrainConfig config = TrainConfigs.defaults().setObjective("lsgan").setSemiSupervised(true).setN(100)
        .setNumz(2).setTrainIter(300).setNSave(100).setBatchSize(32).setGfDim(8).setDfDim(8).setLr(0.002)
        .setSupervisedBaseline(false).setLogTestSize(0).setRandomSeed(3).build();
    TrainConfigs.validate(config);
    GanNetworks networks = new GanNetworks(config,
        new DcganFamily(new DcganGeometry(8, 8, 1), config.getGfDim(), config.getDfDim()), RealDigitsSplits.CLASSES);
    ImageSplit train = RealDigitsSplits.train();
    int[] labeled = LabeledSubset.draw(train.labels(), RealDigitsSplits.CLASSES, config.getN(), config.getRandomSeed());
    TrainingLog log = new BayesianGanTrainer(config, networks, new ImageBatches(train), RealDigitsSplits.test(), labeled,
        work).run();
    TrainingLogEntry last = log.getEntries(log.getEntriesCount() - 1);
    System.out.printf("semi-supervised Bayesian LSGAN, digits, 100 labels, 300 iterations: test accuracy %.4f%n",
        last.getTestAccuracy());
    assertTrue(last.getTestAccuracy() > 0.5, "test accuracy " + last.getTestAccuracy() + " (chance 0.1)");
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      double realSpread = meanPairwiseDistance(new ImageBatches(train).batch(m, java.util.stream.IntStream.range(0, 64)
          .toArray()));
      for (int g = 0; g < networks.generatorCount(); g++) {
        Network generator = networks.generator(m, g);
        generator.load(ModelLayout.generator(ModelLayout.sampleDir(work, 300), g), m);
        NDArray fakes = generator.forward(m.randomUniform(-1f, 1f, new Shape(64, config.getZDim()), DataType.FLOAT32),
            false);
        double spread = meanPairwiseDistance(fakes);
        System.out.printf("generator %d: mean pairwise distance %.3f, real images %.3f%n", g, spread, realSpread);
        assertTrue(spread > 0.1 * realSpread, "generator " + g + " is degenerate: " + spread + " vs " + realSpread);
      }
    }
  }

  private static double meanPairwiseDistance(NDArray images) {
    float[][] rows = new float[(int) images.getShape().get(0)][];
    float[] flat = images.toFloatArray();
    int size = flat.length / rows.length;
    for (int i = 0; i < rows.length; i++) {
      rows[i] = Arrays.copyOfRange(flat, i * size, (i + 1) * size);
    }
    double sum = 0;
    int pairs = 0;
    for (int i = 0; i < rows.length; i++) {
      for (int j = i + 1; j < rows.length; j++) {
        double d = 0;
        for (int k = 0; k < size; k++) {
          d += (rows[i][k] - rows[j][k]) * (rows[i][k] - rows[j][k]);
        }
        sum += Math.sqrt(d);
        pairs++;
      }
    }
    return sum / pairs;
  }
}
