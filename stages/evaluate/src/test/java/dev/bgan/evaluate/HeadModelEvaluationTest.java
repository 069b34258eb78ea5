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
import dev.bgan.proto.EvaluationMetrics;
import dev.bgan.proto.TrainConfig;
import dev.bgan.proto.TrainingLog;
import dev.bgan.proto.TrainingLogEntry;
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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HEAD objective end to end on real 8x8 digits (100 labels): training keeps every loss finite,
 * the discriminator has K = 10 outputs (no fake output), and evaluation reports the model average's
 * accuracy over all test points, well above chance, and no excluded-fake accuracy.
 */
@Tag("real-data")
class HeadModelEvaluationTest {
  @TempDir Path tmp;

  @Test
  void headModelsHaveKOutputsAndAreEvaluatedOverAllTestPoints() throws IOException {
    ArtifactStore store = ArtifactStore.open(tmp.resolve("store"));
    ImageSplit test = RealDigitsSplits.test();
    String data = TestDatasets.publish(store, "digits", RealDigitsSplits.CLASSES, RealDigitsSplits.train(), test);
    TrainConfig config = TrainConfigs.defaults().setObjective("head").setSemiSupervised(true).setN(100)
        .setTrainIter(300).setNSave(100).setBatchSize(32).setGfDim(8).setDfDim(8).setLogTestSize(0)
        .setRandomSeed(5).build();
    Artifact model = new TrainStage().run(store, data, config, CachePolicy.REUSE).artifact();
    assertEquals("head", model.manifest().getParamsMap().get("objective"));
    TrainingLog log = ProtoJson.read(model.file(ModelLayout.TRAINING_LOG), TrainingLog.newBuilder()).build();
    for (TrainingLogEntry e : log.getEntriesList()) {
      assertTrue(Double.isFinite(e.getDLoss()) && Double.isFinite(e.getGLoss()), e.toString());
    }

    Artifact metricsArtifact = new EvaluateStage().run(store, model.id(),
        EvaluateStage.defaults().setBurnIn(0.5).setGridSide(2).build(), CachePolicy.REUSE).artifact();
    EvaluationMetrics metrics = ProtoJson.read(metricsArtifact.file(EvaluateStage.METRICS_FILE),
        EvaluationMetrics.newBuilder()).build();
    assertFalse(metrics.hasSemiSupervisedAccuracyExcludingFake());
    assertFalse(metrics.hasFractionPredictedFake());
    assertFalse(metricsArtifact.manifest().getMetrics().containsValues("semi_supervised_accuracy_excluding_fake"));
    assertEquals(test.size(), metrics.getTestCount());

    GanNetworks networks = new GanNetworks(config,
        NetworkFamilies.of(config, DatasetArtifacts.summary(store.require(data, "dataset"))), RealDigitsSplits.CLASSES);
    float[] mean = new float[test.size() * RealDigitsSplits.CLASSES];
    List<Integer> averaged = metrics.getAveragedIterationsList();
    assertEquals(List.of(200, 300), averaged);
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      for (int iteration : averaged) {
        Network d = networks.discriminator(m, 0);
        d.load(ModelLayout.discriminator(ModelLayout.sampleDir(model.dir(), iteration), 0, TrainStage.VERSION), m);
        float[] p = DiscriminatorClassifier.probabilities(d, test, test.size(), m);
        assertEquals(RealDigitsSplits.CLASSES * test.size(), p.length, "K outputs per test point, no fake output");
        for (int i = 0; i < p.length; i++) {
          mean[i] += p[i] / averaged.size();
        }
      }
    }
    assertEquals(DiscriminatorClassifier.accuracy(mean, 0, test.labels(), test.size()),
        metrics.getSemiSupervisedAccuracy(), 1.5 / test.size());
    System.out.printf("HEAD on digits: semi-supervised %.4f, supervised %.4f%n", metrics.getSemiSupervisedAccuracy(),
        metrics.getSupervisedAccuracy());
    assertTrue(metrics.getSemiSupervisedAccuracy() > 0.6, "chance is 0.1: " + metrics.getSemiSupervisedAccuracy());
    assertTrue(metrics.getSupervisedAccuracy() > 0.3, "the baseline is evaluated on K outputs too");
  }
}
