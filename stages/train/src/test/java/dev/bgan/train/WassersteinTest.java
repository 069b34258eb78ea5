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
import dev.bgan.train.nn.DcganFamily;
import dev.bgan.train.nn.DcganGeometry;
import dev.bgan.train.nn.Network;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** W-DCGAN on real MNIST: one unbounded critic output, Wasserstein losses, clipping; the gradient penalty's gradient. */
class WassersteinTest {
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

  @Test
  void refusesSemiSupervisedAndPenaltyWithoutCritic() {
    BadInputException semi = assertThrows(BadInputException.class,
        () -> TrainConfigs.validate(wgan().setSemiSupervised(true).build()));
    assertTrue(semi.getMessage().contains("wasserstein"), semi.getMessage());
    BadInputException gp = assertThrows(BadInputException.class,
        () -> TrainConfigs.validate(TrainConfigs.defaults().setGradientPenalty(10).build()));
    assertTrue(gp.getMessage().contains("gradient_penalty"), gp.getMessage());
  }
}
