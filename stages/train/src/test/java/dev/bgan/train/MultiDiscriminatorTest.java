package dev.bgan.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import dev.bgan.dataset.ImageSplit;
import dev.bgan.proto.TrainConfig;
import dev.bgan.proto.TrainingLog;
import dev.bgan.proto.TrainingLogEntry;
import dev.bgan.train.nn.DcganFamily;
import dev.bgan.train.nn.DcganGeometry;
import dev.bgan.train.nn.Network;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * J_d = 3 discriminator chains against one generator on real 8x8 digits for 500 iterations (the
 * reference's issue #7 reports NaN with several discriminators): every logged loss stays finite
 * (the trainer stops on a non-finite one: {@link TrainingDivergedException}), every saved weight is
 * finite, and the three chains are distinct samples. Digits and widths 4 keep 500 iterations cheap.
 */
@Tag("real-data")
class MultiDiscriminatorTest {
  private static final int ITERATIONS = 500;

  @TempDir Path work;

  @Test
  void threeDiscriminatorChainsStayFiniteAndDiffer() throws IOException {
    TrainConfig config = TrainConfigs.defaults()
        .setSemiSupervised(true).setN(100).setNumz(1).setNumMcmc(1).setNumDisc(3)
        .setTrainIter(ITERATIONS).setNSave(100).setBatchSize(8).setGfDim(4).setDfDim(4)
        .setSupervisedBaseline(false).setLogTestSize(100).setRandomSeed(3).build();
    TrainConfigs.validate(config);
    ImageSplit train = RealDigitsSplits.train();
    ImageSplit test = RealDigitsSplits.test();
    GanNetworks networks = new GanNetworks(config,
        new DcganFamily(new DcganGeometry(8, 8, 1), config.getGfDim(), config.getDfDim()), RealDigitsSplits.CLASSES);
    int[] labeled = LabeledSubset.draw(train.labels(), RealDigitsSplits.CLASSES, config.getN(), config.getRandomSeed());
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    long wall = System.nanoTime();
    long cpu = os.getProcessCpuTime();
    TrainingLog log = new BayesianGanTrainer(config, networks, new ImageBatches(train), test, labeled, work).run();
    // CPU time bounds the wall time on an idle machine; wall time on a loaded one says little.
    System.out.printf("J_d = 3, J = 1, %d iterations on digits: %.1f s wall, %.1f s CPU%n", ITERATIONS,
        (System.nanoTime() - wall) / 1e9, (os.getProcessCpuTime() - cpu) / 1e9);

    assertEquals(ITERATIONS / 100, log.getEntriesCount());
    for (TrainingLogEntry e : log.getEntriesList()) {
      assertTrue(Double.isFinite(e.getDLoss()) && Double.isFinite(e.getGLoss()), e.toString());
    }
    Path last = ModelLayout.sampleDir(work, ITERATIONS);
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      float[][] weights = new float[3][];
      for (int k = 0; k < 3; k++) {
        Path file = ModelLayout.discriminator(last, k, TrainStage.VERSION);
        assertTrue(Files.exists(file), file.toString());
        Network d = networks.discriminator(m, k);
        d.load(file, m);
        weights[k] = d.trainable().get(0).toFloatArray();
        for (float w : weights[k]) {
          assertTrue(Float.isFinite(w));
        }
      }
      for (int a = 0; a < 3; a++) {
        for (int b = a + 1; b < 3; b++) {
          assertTrue(maxAbsDifference(weights[a], weights[b]) > 1e-3, "discriminators " + a + " and " + b + " are equal");
        }
      }
    }
  }

  static double maxAbsDifference(float[] a, float[] b) {
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs(a[i] - b[i]));
    }
    return max;
  }
}
