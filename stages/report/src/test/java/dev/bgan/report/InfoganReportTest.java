package dev.bgan.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bgan.artifact.Artifact;
import dev.bgan.artifact.ArtifactSpec;
import dev.bgan.artifact.ArtifactStore;
import dev.bgan.artifact.CachePolicy;
import dev.bgan.common.ProtoJson;
import dev.bgan.proto.EvaluationMetrics;
import dev.bgan.proto.InfoganCodes;
import dev.bgan.proto.LossTerms;
import dev.bgan.proto.ModelSummary;
import dev.bgan.proto.ReportConfig;
import dev.bgan.proto.TrainingLog;
import dev.bgan.proto.TrainingLogEntry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An InfoGAN run's section: the final clustering accuracy and code -> label mapping, a row per saved
 * iteration with the training log's MI bounds and the mean clustering accuracy over chains, and the
 * traversal grids.
 */
class InfoganReportTest {
  @TempDir Path tmp;

  @Test
  void boundsAccuracyAndTraversalsAreShown() throws Exception {
    ArtifactStore store = ArtifactStore.open(tmp.resolve("store"));
    Artifact data = UpstreamArtifacts.mnist(store);
    TrainingLog.Builder log = TrainingLog.newBuilder();
    for (int it : new int[] {100, 200}) {
      log.addEntries(TrainingLogEntry.newBuilder().setIteration(it).setDLoss(1).setGLoss(1)
          .setTerms(LossTerms.newBuilder().putMeasures("mi_categorical", it / 100.0)
              .putMeasures("mi_continuous", -0.25 + it / 1000.0)));
    }
    ArtifactSpec spec = ArtifactSpec.of("model", "train/bayesian_gan", 3,
        Map.of("arch", "infogan", "train_iter", "200", "numz", "1", "num_mcmc", "1")).withInput("data", data);
    Artifact model = store.produce(spec, CachePolicy.REUSE, draft -> {
      ProtoJson.write(draft.dir().resolve(EvaluatedModel.TRAINING_LOG_FILE), log.build());
      draft.manifest().setModel(ModelSummary.newBuilder().setIterations(200).setNumGeneratorSamples(1)
          .setNumDiscriminatorSamples(2));
    }).artifact();
    EvaluationMetrics evaluation = UpstreamArtifacts.evaluation(0, 0, 0, 0, 1).toBuilder()
        .setInfogan(InfoganCodes.newBuilder().setNumChains(2).addAllIterations(List.of(100, 200))
            .addAllClusteringAccuracy(List.of(0.5, 0.6, 0.875, 0.8)).setFinalClusteringAccuracy(0.8375)
            .addAllLabelOfCode(List.of(3, 1, 4, 0, 5, 9, 2, 6, 8, 7))
            .addAllTraversalGrids(List.of("traversals/generator-00-code-0.png", "traversals/generator-00-code-1.png")))
        .build();
    Artifact metrics = UpstreamArtifacts.metrics(store, model, evaluation);
    Artifact report = new ReportStage().run(store, List.of(metrics.id()), ReportConfig.getDefaultInstance(),
        CachePolicy.REUSE).artifact();
    ParsedReport page = ParsedReport.of(report);

    String run = "//section[@id='run-" + metrics.id() + "']";
    String summary = page.one(run + "/h3[text()='InfoGAN codes']/following-sibling::p[1]").getTextContent();
    assertTrue(summary.contains("83.75%") && summary.contains("mean over 2 discriminator chain(s)")
        && summary.contains("0\u21923, 1\u21921, 2\u21924"), summary);
    assertEquals(List.of("1001.0000-0.150055.00%", "2002.0000-0.050083.75%"), page.select(run
        + "/h3[text()='InfoGAN codes']/following-sibling::table[1]/tr[position() > 1]").stream()
        .map(org.w3c.dom.Element::getTextContent).toList());
    assertEquals(List.of("traversals/generator-00-code-0.png", "traversals/generator-00-code-1.png"),
        page.texts(run + "/figure/figcaption").stream().filter(t -> t.startsWith("traversals/")).toList());
    String bounds = page.one(run + "/h3[text()='InfoGAN codes']/following-sibling::p[2]").getTextContent();
    assertTrue(bounds.contains("the bound of a differential entropy can exceed it"), bounds);
  }

  @Test
  void aFixedStdRunsContinuousBoundIsCappedBelowZero() throws Exception {
    ArtifactStore store = ArtifactStore.open(tmp.resolve("store"));
    Artifact data = UpstreamArtifacts.mnist(store);
    ArtifactSpec spec = ArtifactSpec.of("model", "train/bayesian_gan", 3, Map.of("arch", "infogan",
        "info_fixed_std", "true", "train_iter", "100", "numz", "1", "num_mcmc", "1")).withInput("data", data);
    Artifact model = store.produce(spec, CachePolicy.REUSE, draft -> {
      ProtoJson.write(draft.dir().resolve(EvaluatedModel.TRAINING_LOG_FILE), TrainingLog.newBuilder()
          .addEntries(TrainingLogEntry.newBuilder().setIteration(100).setTerms(LossTerms.newBuilder()
              .putMeasures("mi_categorical", 2.2).putMeasures("mi_continuous", -0.48))).build());
      draft.manifest().setModel(ModelSummary.newBuilder().setIterations(100).setNumGeneratorSamples(1)
          .setNumDiscriminatorSamples(1));
    }).artifact();
    Artifact metrics = UpstreamArtifacts.metrics(store, model, UpstreamArtifacts.evaluation(0, 0, 0, 0, 1).toBuilder()
        .setInfogan(InfoganCodes.newBuilder().setNumChains(1)).build());
    ParsedReport page = ParsedReport.of(new ReportStage().run(store, List.of(metrics.id()),
        ReportConfig.getDefaultInstance(), CachePolicy.REUSE).artifact());
    String bounds = page.one("//section[@id='run-" + metrics.id() + "']/h3[text()='InfoGAN codes']"
        + "/following-sibling::p[1]").getTextContent();
    // 2 ln 2 - ln(2 pi) = 1.386294 - 1.837877 = -0.451583
    assertTrue(bounds.contains("standard deviation 1 (info_fixed_std), so the bound is at most 2 ln 2 - ln(2 pi) = -0.452"),
        bounds);
  }
}
