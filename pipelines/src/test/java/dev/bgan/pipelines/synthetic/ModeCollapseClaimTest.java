package dev.bgan.pipelines.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bgan.artifact.Artifact;
import dev.bgan.artifact.ArtifactStore;
import dev.bgan.artifact.CachePolicy;
import dev.bgan.common.ProtoJson;
import dev.bgan.evaluate.EvaluateStage;
import dev.bgan.pipelines.prepare.PrepareRequest;
import dev.bgan.pipelines.prepare.PrepareSynthetic;
import dev.bgan.proto.EvaluationMetrics;
import dev.bgan.proto.TrainConfig;
import dev.bgan.train.TrainConfigs;
import dev.bgan.train.TrainStage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The paper's synthetic claim on the reference's data (10,000 points, 10 clusters, 100 dimensions,
 * seed 1234), scaled to CI's two cores: the Bayesian GAN (numz 10, prior_std 10, Adam + noise,
 * alpha 1e-3) ends with a lower JS divergence to the real points than the ML GAN (numz 1), on
 * average over three seeds. The scale-down (hidden widths, iterations, point counts) is the
 * constants below; README gives the numbers measured.
 *
 * <p>It does not fit CI's budget yet: one seed took 12 min (Bayesian, 0.36 it/s) + 1.7 min (ML) +
 * 1 min of evaluation on the shared 2-core machine, so it runs only with {@code -Dbgan.long=true}.
 */
@Tag("real-data")
@Tag("long")
@EnabledIfSystemProperty(named = "bgan.long", matches = "true",
    disabledReason = "about 45 min on 2 cores; run with -Dbgan.long=true")
class ModeCollapseClaimTest {
  static final int HIDDEN = 128;
  static final int ITERATIONS = 300;
  static final int SEEDS = 3;

  @TempDir Path storeDir;

  @Test
  void bayesianGanEndsCloserToTheDataThanMlGan() throws IOException {
    ArtifactStore store = ArtifactStore.open(storeDir);
    String data = new PrepareSynthetic(10_000, 10, 100, 1234).run(store, PrepareRequest.defaults())
        .artifact().id();
    double bayes = 0;
    double ml = 0;
    StringBuilder table = new StringBuilder();
    for (int seed = 1; seed <= SEEDS; seed++) {
      double b = finalJs(store, data, config(seed).setNumz(10).build());
      double m = finalJs(store, data, config(seed).setNumz(1).setMl(true).build());
      table.append(String.format(Locale.ROOT, "seed %d: bayes %.4f ml %.4f%n", seed, b, m));
      bayes += b / SEEDS;
      ml += m / SEEDS;
    }
    System.out.printf(Locale.ROOT, "%smean: bayes %.4f ml %.4f%n", table, bayes, ml);
    assertTrue(bayes < ml, "mean final JS divergence, Bayesian " + bayes + " vs ML " + ml + "\n" + table);
  }

  private static TrainConfig.Builder config(int seed) {
    return TrainConfigs.defaults().setArch("fc").setNumMcmc(1).setZDim(10).setGfDim(HIDDEN).setDfDim(HIDDEN)
        .setBatchSize(64).setOptimizer("adam").setLr(0.01).setLrDecay(3).setAlpha(1e-3).setPriorStd(10)
        .setGenObserved(10_000).setTrainIter(ITERATIONS).setNSave(100).setRandomSeed(seed);
  }

  private static double finalJs(ArtifactStore store, String data, TrainConfig config) throws IOException {
    String model = new TrainStage().run(store, data, config, CachePolicy.REUSE).artifact().id();
    Artifact metrics = new EvaluateStage().run(store, model,
        EvaluateStage.defaults().setNumFakePoints(500).setNumRealPoints(1000).build(), CachePolicy.REUSE).artifact();
    EvaluationMetrics m = ProtoJson.read(metrics.file(EvaluateStage.METRICS_FILE), EvaluationMetrics.newBuilder())
        .build();
    assertEquals(ITERATIONS / 100, m.getPointCurveCount());
    return m.getPointCurve(m.getPointCurveCount() - 1).getJsDivergence();
  }
}
