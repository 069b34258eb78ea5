package dev.bgan.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
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
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** W-DCGAN on real MNIST: one unbounded critic output, Wasserstein losses, clipping; the gradient penalty's gradient. */
class WassersteinTest {
  private static final double CLASSIFYING_CLIP = 0.1;

  @TempDir Path work;

  private static TrainConfig.Builder wgan() {
    return TrainConfigs.defaults().setWasserstein(true).setNumz(1).setNumMcmc(1).setMl(true)
        .setTrainIter(40).setNSave(20).setBatchSize(16).setGfDim(4).setDfDim(4).setRandomSeed(5);
  }

  private TrainingLog train(TrainConfig config, GanNetworks networks) throws IOException {
    TrainConfigs.validate(config);
    ImageSplit train = RealMnistSplits.train(1000);
    int[] labeled = LabeledSubset.draw(train.labels(), 10, config.getN(), config.getRandomSeed());
    return new BayesianGanTrainer(config, networks, new ImageBatches(train), RealMnistSplits.test(10), labeled, work).run();
  }

  @Test
  @Tag("real-data")
  void criticIsUnboundedClippedAndScoredWithWassersteinLosses() throws IOException {
    TrainConfig config = wgan().build();
    GanNetworks networks = new GanNetworks(config, new DcganFamily(new DcganGeometry(28, 28, 1), config.getGfDim(), config.getDfDim()), 10);
    assertEquals(1, networks.discriminatorOutputs());
    TrainingLog log = train(config, networks);
    for (TrainingLogEntry e : log.getEntriesList()) {
      // critic loss = mean D(fake) - mean D(real): the softmax objective's loss is no such difference
      assertEquals(e.getDFake() - e.getDReal(), e.getDLoss(), 1e-4, e.toString());
    }
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      Network critic = networks.discriminator(m, 0);
      critic.load(ModelLayout.discriminator(ModelLayout.sampleDir(work, 40), 0, TrainStage.VERSION), m);
      double maxAbs = 0;
      for (NDArray w : critic.trainable()) {
        maxAbs = Math.max(maxAbs, w.abs().max().getFloat());
      }
      assertTrue(maxAbs <= 0.01f, "a critic weight is " + maxAbs);
      assertTrue(maxAbs > 0.009, "clipping should bind on some weight, max |w| " + maxAbs);
      ImageSplit test = RealMnistSplits.test(200);
      float[] scores = DiscriminatorClassifier.outputs(critic, test, test.size(), m);
      assertEquals(200, scores.length);
      boolean outside = false;
      for (float s : scores) {
        outside |= s < 0 || s > 1;
      }
      assertTrue(outside, "every critic output lies in [0, 1]: a squashed output, not a critic");
    }
  }

  @Test
  @Tag("real-data")
  void gradientPenaltyTrainsWithoutClipping() throws IOException {
    TrainConfig config = wgan().setGradientPenalty(10).setTrainIter(20).build();
    GanNetworks networks = new GanNetworks(config, new DcganFamily(new DcganGeometry(28, 28, 1), config.getGfDim(), config.getDfDim()), 10);
    TrainingLog log = train(config, networks);
    assertTrue(Double.isFinite(log.getEntries(log.getEntriesCount() - 1).getDLoss()));
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      Network critic = networks.discriminator(m, 0);
      critic.load(ModelLayout.discriminator(ModelLayout.sampleDir(work, 20), 0, TrainStage.VERSION), m);
      double maxAbs = 0;
      for (NDArray w : critic.trainable()) {
        maxAbs = Math.max(maxAbs, w.abs().max().getFloat());
      }
      assertTrue(maxAbs > 0.01, "weights are clipped although the gradient penalty replaces clipping");
    }
  }

  /**
   * Semi-supervised, the critic has K class logits and its value is their logsumexp: the losses
   * against numpy (float64) on hand-made logits; with one output the value is that output.
   */
  @Test
  void semiSupervisedCriticValueIsTheLogsumexpOfTheClassLogits() {
    float[][] logits = {{2.0f, -1.0f, 0.5f}, {0.1f, 0.2f, -0.3f}, {-4.0f, -3.5f, -6.0f}};
    String lse = Python.run(List.of("numpy"), """
        import sys, json, numpy as np
        x = np.array(json.loads(sys.argv[1]), dtype=np.float64)
        m = x.max(axis=1, keepdims=True)
        print(repr(float((m[:, 0] + np.log(np.exp(x - m).sum(axis=1))).mean())))
        """, java.util.Arrays.deepToString(logits)).strip();
    double expected = Double.parseDouble(lse);
    WassersteinObjective critic = new WassersteinObjective();
    assertEquals(10, critic.outputs(10));
    assertEquals(1, critic.outputs(1));
    assertEquals(0, critic.firstClassOutput());
    TorchRuntime.engine();
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      Heads outputs = Heads.of(Heads.LOGITS, m.create(logits));
      assertEquals(-expected, critic.realLoss(outputs).getFloat(), 1e-6);
      assertEquals(expected, critic.fakeLoss(outputs).getFloat(), 1e-6);
      assertEquals(-expected, critic.generatorLoss(outputs, null).getFloat(), 1e-6);
      assertEquals(expected, critic.score(outputs), 1e-6);
      Heads single = Heads.of(Heads.LOGITS, m.create(new float[][] {{1.5f}, {-3.25f}}));
      assertEquals((1.5 - 3.25) / 2, critic.fakeLoss(single).getFloat(), 0);
    }
  }

  /**
   * A semi-supervised W-DCGAN on real digits (100 labels): the critic has one output per class,
   * clipping holds, the logged critic loss is the Wasserstein difference plus the labeled
   * cross-entropy (so strictly above the difference), and the clipped critic still classifies.
   * Clipped at the default 0.01, this width-8 critic's logits stay near 0 and it learns no class
   * in 300 iterations (test accuracy 0.13); at 0.1 it reaches 0.82.
   */
  @Test
  @Tag("real-data")
  void semiSupervisedCriticClassifiesDigits() throws IOException {
    TrainConfig config = wgan().setSemiSupervised(true).setN(100).setTrainIter(300).setNSave(100).setBatchSize(32)
        .setGfDim(8).setDfDim(8).setLr(0.002).setClip(CLASSIFYING_CLIP).setSupervisedBaseline(false).setLogTestSize(0).build();
    TrainConfigs.validate(config);
    GanNetworks networks = new GanNetworks(config,
        new DcganFamily(new DcganGeometry(8, 8, 1), config.getGfDim(), config.getDfDim()), RealDigitsSplits.CLASSES);
    assertEquals(RealDigitsSplits.CLASSES, networks.discriminatorOutputs());
    ImageSplit train = RealDigitsSplits.train();
    int[] labeled = LabeledSubset.draw(train.labels(), RealDigitsSplits.CLASSES, config.getN(), config.getRandomSeed());
    TrainingLog log = new BayesianGanTrainer(config, networks, new ImageBatches(train), RealDigitsSplits.test(), labeled,
        work).run();
    for (TrainingLogEntry e : log.getEntriesList()) {
      assertTrue(e.getDLoss() > e.getDFake() - e.getDReal(), e.toString());
    }
    double accuracy = log.getEntries(log.getEntriesCount() - 1).getTestAccuracy();
    System.out.printf("semi-supervised W-DCGAN, digits, 100 labels, 300 iterations: test accuracy %.4f%n", accuracy);
    assertTrue(accuracy > 0.5, "test accuracy " + accuracy + " (chance 0.1)");
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      Network critic = networks.discriminator(m, 0);
      critic.load(ModelLayout.discriminator(ModelLayout.sampleDir(work, 300), 0, TrainStage.VERSION), m);
      for (NDArray w : critic.trainable()) {
        assertTrue(w.abs().max().getFloat() <= (float) CLASSIFYING_CLIP);
      }
    }
  }

  /**
   * For a linear critic D(x) = w.x + b the input gradient is w, so the penalty is
   * lambda (|w| - 1)^2 and its gradient 2 lambda (|w| - 1) w / |w| (numpy, float64, below): it
   * reaches w only through the second-order path.
   */
  @Test
  void gradientPenaltyDifferentiatesThroughTheInputGradient() {
    Engine engine = TorchRuntime.engine();
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      Network critic = Network.create(Linear.builder().setUnits(1).build(), m, new Shape(1, 3), 11);
      NDArray w = critic.trainable().get(0);
      w.set(m.create(new float[] {0.3f, -0.4f, 1.2f}).toByteBuffer());
      NDArray real = m.create(new float[] {1, 2, 3, -1, 0, 1}, new Shape(2, 3));
      NDArray fake = m.create(new float[] {0, 1, 0, 2, 2, 2}, new Shape(2, 3));
      try (GradientCollector gc = engine.newGradientCollector()) {
        NDArray penalty = GradientPenalty.of(critic, real, fake, 10, m);
        // numpy: n = norm([.3,-.4,1.2]) = 1.3; 10 * (n - 1)^2 = 0.9
        assertEquals(0.9, penalty.getFloat(), 1e-5);
        gc.backward(penalty);
      }
      // numpy: 2 * 10 * (1.3 - 1) * w / 1.3
      float[] expected = {1.3846154f, -1.8461538f, 5.5384615f};
      float[] grad = w.getGradient().toFloatArray();
      for (int i = 0; i < 3; i++) {
        assertEquals(expected[i], grad[i], 1e-4, "d penalty / d w[" + i + "]");
      }
    }
  }

  /**
   * Semi-supervised, the penalty constrains the gradient of the critic value v = logsumexp(W x + b),
   * which is W^T softmax(W x + b) and depends on x (numpy below); real = fake makes x_hat = x
   * whatever the random interpolation weights.
   */
  @Test
  void gradientPenaltyOfAClassCriticIsOnItsLogsumexpValue() {
    float[] weights = {0.3f, -0.4f, 1.2f, -0.7f, 0.5f, 0.2f};
    float[] bias = {0.1f, -0.3f};
    float[] inputs = {1, 2, 3, -1, 0, 1};
    String expected = Python.run(List.of("numpy"), """
        import sys, json, numpy as np
        w = np.array(json.loads(sys.argv[1]), dtype=np.float64).reshape(2, 3)
        b = np.array(json.loads(sys.argv[2]), dtype=np.float64)
        x = np.array(json.loads(sys.argv[3]), dtype=np.float64).reshape(2, 3)
        l = x @ w.T + b
        p = np.exp(l - l.max(axis=1, keepdims=True))
        p /= p.sum(axis=1, keepdims=True)
        g = p @ w
        print(repr(float(10 * ((np.linalg.norm(g, axis=1) - 1) ** 2).mean())))
        """, java.util.Arrays.toString(weights), java.util.Arrays.toString(bias), java.util.Arrays.toString(inputs))
        .strip();
    TorchRuntime.engine();
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      Network critic = Network.create(Linear.builder().setUnits(2).build(), m, new Shape(1, 3), 11);
      critic.trainable().get(0).set(m.create(weights).toByteBuffer());
      critic.trainable().get(1).set(m.create(bias).toByteBuffer());
      NDArray x = m.create(inputs, new Shape(2, 3));
      try (GradientCollector gc = TorchRuntime.engine().newGradientCollector()) {
        NDArray penalty = GradientPenalty.of(critic, x, x.duplicate(), 10, m);
        assertEquals(Double.parseDouble(expected), penalty.getFloat(), 1e-5);
      }
    }
  }

  @Test
  void refusesPenaltyWithoutCritic() {
    BadInputException gp = assertThrows(BadInputException.class,
        () -> TrainConfigs.validate(TrainConfigs.defaults().setGradientPenalty(10).build()));
    assertTrue(gp.getMessage().contains("gradient_penalty"), gp.getMessage());
  }
}
