package dev.bgan.evaluate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bgan.artifact.Artifact;
import dev.bgan.artifact.ArtifactStore;
import dev.bgan.artifact.CachePolicy;
import dev.bgan.common.ProtoJson;
import dev.bgan.dataset.PointSplit;
import dev.bgan.proto.EvaluationMetrics;
import dev.bgan.proto.PointCurveEntry;
import dev.bgan.testing.TestDatasets;
import dev.bgan.train.TrainConfigs;
import dev.bgan.train.TrainStage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Evaluating a model of a point dataset gives the JS/modes curve over its saved iterations and a scatter plot. */
class PointEvaluationTest {
  @TempDir Path storeDir;

  @Test
  void curveAtEverySavedIterationAndAScatterPlot() throws IOException {
    ArtifactStore store = ArtifactStore.open(storeDir);
    SplittableRandom random = new SplittableRandom(5);
    int n = 300;
    int dim = 4;
    int[] labels = new int[n];
    float[] values = new float[n * dim];
    for (int i = 0; i < n; i++) {
      labels[i] = i % 3;
      for (int d = 0; d < dim; d++) {
        values[i * dim + d] = (float) (random.nextGaussian() * 0.3 + 3 * ((labels[i] + d) % 3));
      }
    }
    String data = TestDatasets.publishPoints(store, "blobs", 3, new PointSplit("train", dim, labels, values));
    String model = new TrainStage().run(store, data, TrainConfigs.defaults().setNumz(2).setTrainIter(4).setNSave(2)
        .setBatchSize(16).setZDim(3).setGfDim(8).setDfDim(8).setOptimizer("adam").setLr(1e-2).setN(3)
        .setRandomSeed(1).build(), CachePolicy.REUSE).artifact().id();
    Artifact metrics = new EvaluateStage().run(store, model,
        EvaluateStage.defaults().setNumFakePoints(61).setNumRealPoints(200).build(), CachePolicy.REUSE).artifact();
    EvaluationMetrics m = ProtoJson.read(metrics.file(EvaluateStage.METRICS_FILE), EvaluationMetrics.newBuilder()).build();
    assertEquals(2, m.getPointCurveCount());
    assertEquals(2, m.getPointCurve(0).getIteration());
    assertEquals(4, m.getPointCurve(1).getIteration());
    for (PointCurveEntry e : m.getPointCurveList()) {
      assertTrue(e.getJsDivergence() > 0 && e.getJsDivergence() <= Math.log(2) + 1e-6, e.toString());
      assertTrue(e.getModes() >= 1 && e.getModes() <= 19, e.toString());
    }
    assertEquals(61, m.getNumFakePoints());
    assertEquals(200, m.getNumRealPoints());
    assertEquals(m.getPointCurve(1).getJsDivergence(), metrics.manifest().getMetrics().getValuesOrThrow("js_divergence"));
    byte[] png = Files.readAllBytes(metrics.file(PointEvaluation.SCATTER));
    assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));
    assertEquals(java.util.List.of(PointEvaluation.SCATTER), m.getSampleGridsList());

    // Determinism: a second evaluation of the same model into another store gives the same bytes.
    Artifact again = new EvaluateStage().run(store, model,
        EvaluateStage.defaults().setNumFakePoints(61).setNumRealPoints(200).build(), CachePolicy.FORCE).artifact();
    assertArrayEquals(Files.readAllBytes(metrics.file(EvaluateStage.METRICS_FILE)),
        Files.readAllBytes(again.file(EvaluateStage.METRICS_FILE)));
  }
}
