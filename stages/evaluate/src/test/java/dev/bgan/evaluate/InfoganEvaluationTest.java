package dev.bgan.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.bgan.artifact.Artifact;
import dev.bgan.artifact.ArtifactStore;
import dev.bgan.artifact.CachePolicy;
import dev.bgan.common.ProtoJson;
import dev.bgan.dataset.DatasetArtifacts;
import dev.bgan.dataset.ImageSplit;
import dev.bgan.proto.EvaluationMetrics;
import dev.bgan.proto.InfoganCodes;
import dev.bgan.proto.TrainConfig;
import dev.bgan.testing.Python;
import dev.bgan.testing.TestDatasets;
import dev.bgan.train.GanNetworks;
import dev.bgan.train.ModelLayout;
import dev.bgan.train.NetworkFamilies;
import dev.bgan.train.RealMnistSplits;
import dev.bgan.train.TrainConfigs;
import dev.bgan.train.TrainStage;
import dev.bgan.train.nn.InfoganFamily;
import dev.bgan.train.nn.Network;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An InfoGAN model end to end on real MNIST (2,000 training and 1,000 test images, J = 2 generators,
 * J_d = 2 discriminator chains): evaluation scores Q's categorical code at every saved iteration and
 * chain, the score at the last iteration agrees with Q's codes read here and matched to the labels
 * by scipy's linear_sum_assignment, and it writes a 10-row, 9-column traversal grid per generator
 * and continuous code.
 */
@Tag("real-data")
class InfoganEvaluationTest {
  private static final String SCIPY = String.join("\n",
      "import sys, numpy as np",
      "from scipy.optimize import linear_sum_assignment",
      "codes = np.array(sys.argv[1].split(','), dtype=int)",
      "labels = np.array(sys.argv[2].split(','), dtype=int)",
      "table = np.zeros((10, 10))",
      "np.add.at(table, (codes, labels), 1)",
      "r, k = linear_sum_assignment(table, maximize=True)",
      "print(repr(float(table[r, k].sum() / len(codes))))");

  @TempDir Path tmp;

  @Test
  void clusteringAccuracyAndTraversalsOfABayesianInfogan() throws IOException {
    ArtifactStore store = ArtifactStore.open(tmp.resolve("store"));
    ImageSplit test = RealMnistSplits.test(1000);
    String data = TestDatasets.publish(store, "mnist", 10, RealMnistSplits.train(2000), test);
    TrainConfig config = TrainConfigs.defaults().setArch("infogan").setNumz(2).setNumDisc(2).setTrainIter(150)
        .setNSave(50).setBatchSize(32).setZDim(16).setGfDim(8).setDfDim(8).setLr(0.001).setLrDecay(0)
        .setRandomSeed(4).build();
    Artifact model = new TrainStage().run(store, data, config, CachePolicy.REUSE).artifact();
    Artifact evaluation = new EvaluateStage().run(store, model.id(), EvaluateStage.defaults().setGridSide(2).build(),
        CachePolicy.REUSE).artifact();
    InfoganCodes codes = ProtoJson.read(evaluation.file(EvaluateStage.METRICS_FILE), EvaluationMetrics.newBuilder())
        .build().getInfogan();

    assertEquals(List.of(50, 100, 150), codes.getIterationsList());
    assertEquals(2, codes.getNumChains());
    assertEquals(6, codes.getClusteringAccuracyCount());
    GanNetworks networks = new GanNetworks(config,
        NetworkFamilies.of(config, DatasetArtifacts.summary(store.require(data, "dataset"))), 10);
    double mean = 0;
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      NDArray images = m.create(test.chwScaled(java.util.stream.IntStream.range(0, test.size()).toArray()),
          new Shape(test.size(), 1, 28, 28));
      for (int k = 0; k < 2; k++) {
        Network d = networks.discriminator(m, k);
        d.load(ModelLayout.discriminator(ModelLayout.sampleDir(model.dir(), 150), k, TrainStage.VERSION), m);
        long[] q = d.heads(images, false, false).get(InfoganFamily.Q_LOGITS).argMax(1).toLongArray();
        double expected = scipyAccuracy(Arrays.stream(q).mapToInt(Math::toIntExact).toArray(), test.labels());
        assertEquals(expected, codes.getClusteringAccuracy(4 + k), 1e-12, "chain " + k);
        mean += expected / 2;
      }
    }
    assertEquals(mean, codes.getFinalClusteringAccuracy(), 1e-12);
    assertEquals(mean, evaluation.manifest().getMetrics().getValuesOrThrow("clustering_accuracy"), 1e-12);
    assertEquals(10, codes.getLabelOfCodeList().stream().distinct().count(), "a one-to-one mapping");
    System.out.printf("InfoGAN, MNIST 2000, 150 iterations: clustering accuracy by iteration and chain %s%n",
        codes.getClusteringAccuracyList());
    // A code that ignores the image scores about 0.11 (the largest class), a random one 0.13-0.15 under
    // the best matching; measured 0.23 (chains 0.206 and 0.257; 150 iterations at widths 8 learn little more).
    assertTrue(mean > 0.18, "clustering accuracy " + mean);

    assertEquals(List.of("traversals/generator-00-code-0.png", "traversals/generator-00-code-1.png",
        "traversals/generator-01-code-0.png", "traversals/generator-01-code-1.png"), codes.getTraversalGridsList());
    BufferedImage grid = ImageIO.read(evaluation.file(codes.getTraversalGrids(0)).toFile());
    BufferedImage oneRow = SampleGrid.tile(new float[9 * 28 * 28], 9, 1, 28, 28, 1, 9);
    assertEquals(oneRow.getWidth(), grid.getWidth(), "9 columns");
    assertEquals(SampleGrid.tile(new float[90 * 28 * 28], 90, 1, 28, 28, 10, 9).getHeight(), grid.getHeight(),
        "10 rows");

    // --batch_norm real: Q reads the test split after its batch-norm statistics are re-estimated on the
    // train split's real images (BatchNormStatisticsTest checks the re-estimate itself).
    EvaluationMetrics real = ProtoJson.read(new EvaluateStage().run(store, model.id(), EvaluateStage.defaults()
        .setMetrics("accuracy").setBatchNorm(BatchNormStatistics.REAL).build(), CachePolicy.REUSE).artifact()
        .file(EvaluateStage.METRICS_FILE), EvaluationMetrics.newBuilder()).build();
    ImageSplit train = DatasetArtifacts.loadSplit(store.require(data, "dataset"), "train");
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      Network d = networks.discriminator(m, 0);
      d.load(ModelLayout.discriminator(ModelLayout.sampleDir(model.dir(), 150), 0, TrainStage.VERSION), m);
      int[] running = InfoganEvaluation.categoricalCodes(d, test, m);
      BatchNormStatistics.reestimate(d, train, m);
      int[] reestimated = InfoganEvaluation.categoricalCodes(d, test, m);
      assertTrue(!Arrays.equals(running, reestimated), "the statistics change Q's codes");
      assertEquals(scipyAccuracy(reestimated, test.labels()), real.getInfogan().getClusteringAccuracy(4), 1e-12);
    }
  }

  /** scipy's clustering accuracy of {@code codes} against {@code labels} (linear_sum_assignment). */
  private static double scipyAccuracy(int[] codes, int[] labels) {
    return Double.parseDouble(Python.run(List.of("numpy", "scipy"), SCIPY,
        String.join(",", Arrays.stream(codes).mapToObj(Integer::toString).toList()),
        String.join(",", Arrays.stream(labels).mapToObj(Integer::toString).toList())).strip());
  }
}
