package dev.bgan.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import dev.bgan.artifact.Artifact;
import dev.bgan.artifact.ArtifactStore;
import dev.bgan.artifact.CachePolicy;
import dev.bgan.common.ProtoJson;
import dev.bgan.dataset.DatasetArtifacts;
import dev.bgan.dataset.ImageSplit;
import dev.bgan.evaluate.metrics.Calibration;
import dev.bgan.evaluate.metrics.RankNormalizedDiagnostics;
import dev.bgan.proto.ChainDiagnostics;
import dev.bgan.proto.ChainStatistic;
import dev.bgan.proto.EvaluationMetrics;
import dev.bgan.proto.TrainConfig;
import dev.bgan.testing.TestDatasets;
import dev.bgan.train.DiscriminatorClassifier;
import dev.bgan.train.GanNetworks;
import dev.bgan.train.ModelLayout;
import dev.bgan.train.NetworkFamilies;
import dev.bgan.train.RealDigitsSplits;
import dev.bgan.train.TrainConfigs;
import dev.bgan.train.TrainStage;
import dev.bgan.train.nn.Network;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calibration and chain diagnostics through evaluate, on a small Bayesian GAN (ORIG objective, two
 * discriminator chains, six saved iterations) trained on real 8x8 digits: the fields are there and
 * in range, the reliability bins account for every test point and give back the reported accuracy,
 * the R-hat of a few points equals the one recomputed here from the saved discriminators, and with
 * fewer than 4 draws per chain the diagnostics say why they were not computed.
 */
@Tag("real-data")
class CalibrationAndChainsTest {
  @TempDir Path tmp;

  @Test
  void calibrationAndDiagnosticsOfATrainedModel() throws IOException {
    ArtifactStore store = ArtifactStore.open(tmp.resolve("store"));
    ImageSplit test = RealDigitsSplits.test();
    String data = TestDatasets.publish(store, "digits", RealDigitsSplits.CLASSES, RealDigitsSplits.train(), test);
    TrainConfig config = TrainConfigs.defaults().setSemiSupervised(true).setN(100).setNumDisc(2)
        .setTrainIter(60).setNSave(10).setBatchSize(32).setGfDim(8).setDfDim(8).setLogTestSize(50)
        .setRandomSeed(6).build();
    Artifact model = new TrainStage().run(store, data, config, CachePolicy.REUSE).artifact();

    Artifact all = new EvaluateStage().run(store, model.id(),
        EvaluateStage.defaults().setBurnIn(0).setGridSide(2).setDiagnosticPoints(40).build(), CachePolicy.REUSE)
        .artifact();
    EvaluationMetrics metrics = read(all);
    assertEquals(List.of(10, 20, 30, 40, 50, 60), metrics.getAveragedIterationsList());

    for (dev.bgan.proto.Calibration c : List.of(metrics.getCalibration(), metrics.getSupervisedCalibration())) {
      assertEquals(Calibration.DEFAULT_BINS, c.getNumBins());
      assertEquals(Calibration.DEFAULT_BINS, c.getBinCountCount());
      assertEquals(test.size(), c.getBinCountList().stream().mapToInt(Integer::intValue).sum());
      assertTrue(c.getExpectedCalibrationError() >= 0 && c.getExpectedCalibrationError() <= 1, c.toString());
      for (int b = 0; b < c.getNumBins(); b++) {
        assertTrue(c.getBinAccuracy(b) >= 0 && c.getBinAccuracy(b) <= 1);
        if (c.getBinCount(b) > 0) {
          // a bin's mean confidence lies in the bin; the top class of K has probability >= 1/K
          assertTrue(c.getBinConfidence(b) > (double) b / c.getNumBins() - 1e-12
              && c.getBinConfidence(b) <= (b + 1.0) / c.getNumBins() + 1e-12, "bin " + b + ": " + c);
        }
      }
    }
    assertEquals(metrics.getSemiSupervisedAccuracy(), accuracy(metrics.getCalibration()), 1e-9);
    assertEquals(metrics.getSupervisedAccuracy(), accuracy(metrics.getSupervisedCalibration()), 1e-9);

    ChainDiagnostics chains = metrics.getChainDiagnostics();
    assertEquals(2, chains.getNumChains());
    assertEquals(6, chains.getDrawsPerChain());
    assertEquals("", chains.getNotComputed());
    assertEquals(40, chains.getNumPoints());
    assertTrue(chains.getNumConstantPoints() < 40);
    assertTrue(chains.getPointRhatMax() >= chains.getPointRhatMedian() && chains.getPointRhatMedian() > 0.5,
        chains.toString());
    assertTrue(chains.getPointEssBulkMin() <= chains.getPointEssBulkMedian() && chains.getPointEssBulkMin() > 0,
        chains.toString());
    assertTrue(chains.getWeightNormsCount() >= 4, chains.toString());
    for (ChainStatistic w : chains.getWeightNormsList()) {
      assertTrue(w.getRhat() > 0.5 && w.getEssBulk() > 0, w.toString());
    }
    Map<String, Double> summary = all.manifest().getMetrics().getValuesMap();
    assertEquals(metrics.getCalibration().getExpectedCalibrationError(), summary.get("expected_calibration_error"));
    assertEquals(chains.getPointRhatMax(), summary.get("predictive_rhat_max"));
    System.out.printf("digits, J_d = 2, 6 draws: accuracy %.4f ECE %.4f, supervised %.4f ECE %.4f; "
            + "R-hat max %.4f median %.4f, ESS min %.2f median %.2f, %d constant, %d above 1.01; %s R-hat %.4f ESS %.2f%n",
        metrics.getSemiSupervisedAccuracy(), metrics.getCalibration().getExpectedCalibrationError(),
        metrics.getSupervisedAccuracy(), metrics.getSupervisedCalibration().getExpectedCalibrationError(),
        chains.getPointRhatMax(), chains.getPointRhatMedian(), chains.getPointEssBulkMin(),
        chains.getPointEssBulkMedian(), chains.getNumConstantPoints(), chains.getNumPointsRhatHigh(),
        chains.getWeightNorms(0).getName(), chains.getWeightNorms(0).getRhat(), chains.getWeightNorms(0).getEssBulk());

    // the R-hat of the points, recomputed from the saved discriminators: max and median agree
    GanNetworks networks = new GanNetworks(config,
        NetworkFamilies.of(config, DatasetArtifacts.summary(store.require(data, "dataset"))), RealDigitsSplits.CLASSES);
    double[][][] p = new double[40][2][6];
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      for (int t = 0; t < 6; t++) {
        for (int k = 0; k < 2; k++) {
          Network d = networks.discriminator(m, k);
          d.load(ModelLayout.discriminator(ModelLayout.sampleDir(model.dir(), 10 * (t + 1)), k, TrainStage.VERSION), m);
          float[] softmax = DiscriminatorClassifier.probabilities(d, test, test.size(), m);
          int width = softmax.length / test.size();
          for (int i = 0; i < 40; i++) {
            double classes = 0;
            for (int c = 1; c < width; c++) {
              classes += softmax[i * width + c];
            }
            p[i][k][t] = softmax[i * width + 1 + test.labels()[i]] / classes;
          }
        }
      }
    }
    double max = Double.NEGATIVE_INFINITY;
    for (double[][] point : p) {
      if (!RankNormalizedDiagnostics.constant(point)) {
        max = Math.max(max, RankNormalizedDiagnostics.rhat(point));
      }
    }
    assertEquals(max, chains.getPointRhatMax(), 1e-12);

    Artifact late = new EvaluateStage().run(store, model.id(),
        EvaluateStage.defaults().setBurnIn(0.5).setGridSide(2).build(), CachePolicy.REUSE).artifact();
    ChainDiagnostics few = read(late).getChainDiagnostics();
    assertEquals(3, few.getDrawsPerChain());
    assertTrue(few.getNotComputed().contains("3 draws per chain after burn-in"), few.getNotComputed());
    assertTrue(few.getNotComputed().contains("at least 4"), few.getNotComputed());
    assertEquals(0, few.getWeightNormsCount());
    assertFalse(late.manifest().getMetrics().containsValues("predictive_rhat_max"));
    assertTrue(read(late).hasCalibration());
  }

  private static double accuracy(dev.bgan.proto.Calibration c) {
    double correct = 0;
    int n = 0;
    for (int b = 0; b < c.getNumBins(); b++) {
      correct += c.getBinCount(b) * c.getBinAccuracy(b);
      n += c.getBinCount(b);
    }
    return correct / n;
  }

  private static EvaluationMetrics read(Artifact metrics) throws IOException {
    return ProtoJson.read(metrics.file(EvaluateStage.METRICS_FILE), EvaluationMetrics.newBuilder()).build();
  }
}
