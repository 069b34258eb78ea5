package dev.bgan.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bgan.common.Sha256;
import dev.bgan.dataset.ImageSplit;
import dev.bgan.evaluate.metrics.FeatureStatistics;
import dev.bgan.evaluate.metrics.FrechetDistance;
import dev.bgan.proto.TrainConfig;
import dev.bgan.train.BayesianGanTrainer;
import dev.bgan.train.GanNetworks;
import dev.bgan.train.ImageBatches;
import dev.bgan.train.LabeledSubset;
import dev.bgan.train.ModelLayout;
import dev.bgan.train.RealMnistSplits;
import dev.bgan.train.TrainConfigs;
import dev.bgan.train.nn.DcganFamily;
import dev.bgan.train.nn.DcganGeometry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training gives the same bytes before and after an OpenBLAS computation in the same process.
 * bytedeco's thread setting for OpenBLAS's single-threaded eigensolvers also changes MKL's thread
 * count, which PyTorch's matrix products use; training re-pins PyTorch's threads (MKL's included)
 * when it starts. Found when an evaluation of points (PCA) ran before an in-process training in the
 * same test JVM and changed that training's bytes.
 */
class ThreadSettingsIsolationTest {
  @TempDir Path work;

  @Test
  @Tag("real-data")
  void trainingAfterAnEigensolverGivesTheSameBytes() throws IOException {
    String before = trainedGenerator(work.resolve("before"));
    Random random = new Random(3);
    double[][] a = new double[40][24];
    double[][] b = new double[40][24];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[i].length; j++) {
        a[i][j] = random.nextGaussian();
        b[i][j] = random.nextGaussian() + 0.5;
      }
    }
    FrechetDistance.fromStatistics(FeatureStatistics.of(a), FeatureStatistics.of(b));
    assertEquals(before, trainedGenerator(work.resolve("after")));
  }

  /** SHA-256 of the generator and discriminator a tiny MNIST training saves at its last iteration. */
  private static String trainedGenerator(Path dir) throws IOException {
    TrainConfig config = TrainConfigs.defaults().setSemiSupervised(true).setN(20).setTrainIter(6).setNSave(6)
        .setBatchSize(16).setGfDim(4).setDfDim(4).setLogTestSize(20).setRandomSeed(5).build();
    GanNetworks networks = new GanNetworks(config, new DcganFamily(new DcganGeometry(28, 28, 1), 4, 4), 10);
    ImageSplit train = RealMnistSplits.train(300);
    int[] labeled = LabeledSubset.draw(train.labels(), 10, config.getN(), config.getRandomSeed());
    new BayesianGanTrainer(config, networks, new ImageBatches(train), RealMnistSplits.test(20), labeled, dir).run();
    Path sample = ModelLayout.sampleDir(dir, 6);
    return Sha256.ofFile(ModelLayout.generator(sample, 0)) + " " + Sha256.ofFile(ModelLayout.discriminator(sample, 0, 3));
  }
}
