package dev.bgan.report;

import static dev.bgan.report.UpstreamArtifacts.MNIST_SOURCES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bgan.artifact.Artifact;
import dev.bgan.artifact.ArtifactStore;
import dev.bgan.artifact.CachePolicy;
import dev.bgan.proto.ClassCounts;
import dev.bgan.proto.ClassHistogram;
import dev.bgan.proto.EvaluationMetrics;
import dev.bgan.proto.FeatureNetworkRef;
import dev.bgan.proto.ReportConfig;
import dev.bgan.report.UpstreamArtifacts.ModelSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The "Classes of the generated images" table and the LSGAN section, read back from the page. */
class ClassHistogramReportTest {
  private static final ModelSettings SETTINGS = new ModelSettings(2, 1, 100, 1000, 7, true);

  @TempDir Path tmp;

  /** Two generator samples collapsed onto classes 1 and 8, pooled, and 40 real images spread over 4 classes. */
  private static ClassHistogram histogram() {
    return ClassHistogram.newBuilder()
        .setNetwork(FeatureNetworkRef.newBuilder().setKind("classifier").setArtifactId("classifier-00000000000000aa"))
        .setSeed(1).setIteration(1000).setNumClasses(4).setModeShare(0.125)
        .addPerSample(counts("generator-00", 0.27, 2, 0, 95, 0, 5))
        .addPerSample(counts("generator-01", 0.28, 1, 0, 100, 0, 0))
        .setPooled(counts("pooled", 0.275, 1, 0, 97, 0, 3))
        .setReal(counts("real", 0.84, 4, 12, 9, 10, 9))
        .build();
  }

  private static ClassCounts counts(String name, double confidence, int modes, int... counts) {
    ClassCounts.Builder b = ClassCounts.newBuilder().setName(name).setModes(modes).setMeanConfidence(confidence);
    for (int c : counts) {
      b.addCounts(c);
    }
    return b.build();
  }

  private ParsedReport report(Map<String, String> modelParams, EvaluationMetrics evaluation) throws Exception {
    ArtifactStore store = ArtifactStore.open(tmp.resolve("store"));
    Artifact data = UpstreamArtifacts.mnist(store, MNIST_SOURCES);
    Artifact model = UpstreamArtifacts.model(store, data, SETTINGS, modelParams);
    Artifact metrics = UpstreamArtifacts.metrics(store, model, evaluation);
    return ParsedReport.of(new ReportStage().run(store, List.of(metrics.id()), ReportConfig.getDefaultInstance(),
        CachePolicy.REUSE).artifact());
  }

  @Test
  void sharesModesAndConfidencePerSetAndTheLsganSectionNamesTheCodingAndTheModes() throws Exception {
    EvaluationMetrics evaluation = UpstreamArtifacts.evaluation(0.9, 0.9, 0.8, 2, 2).toBuilder()
        .setClassHistogram(histogram()).build();
    ParsedReport page = report(Map.of("objective", "lsgan", "ls_a", "0", "ls_c", "1"), evaluation);

    String table = "//table[@class='class-histogram']";
    assertEquals(List.of("images", "count", "0", "1", "2", "3", "modes", "confidence"), page.texts(table + "/thead/tr/th"));
    assertEquals(List.of("generator-00", "100", "0.0", "95.0", "0.0", "5.0", "2 of 4", "0.270"),
        page.texts(table + "/tbody/tr[1]/td"));
    assertEquals(List.of("real", "40", "30.0", "22.5", "25.0", "22.5", "4 of 4", "0.840"),
        page.texts(table + "/tbody/tr[4]/td"));
    // Shaded: the classes holding at least the mode share (12.5%): generator-00's 1 (not its 5%), all four real ones.
    assertEquals(List.of("95.0"), page.texts(table + "/tbody/tr[1]/td[@style]"));
    assertEquals(4, page.select(table + "/tbody/tr[4]/td[@style]").size());

    String lsgan = String.join(" ", page.texts("//h3[.='LSGAN']/following-sibling::p[position() <= 3]"));
    assertTrue(lsgan.contains("coding a = 0 (target for fakes), b = 1 (for real images), c = 1 (the generator's target),"
        + " the 0-1 coding"), lsgan);
    // The last training-log entry of UpstreamArtifacts.trainingLog: d_real 0.7, d_fake 0.3 at iteration 1000.
    assertTrue(lsgan.contains("At iteration 1000 the mean v was 0.7000 on real images (target 1) and 0.3000"), lsgan);
    assertTrue(lsgan.contains("Pooled generated images: 1 of 4 classes are modes (real test images: 4); the largest,"
        + " class 1, holds 97.0%; confidence 0.275 (real: 0.840)."), lsgan);
  }

  @Test
  void anLsganRunWithoutAHistogramSaysHowToGetOneAndOtherObjectivesHaveNoLsganSection() throws Exception {
    ParsedReport page = report(Map.of("objective", "lsgan"), UpstreamArtifacts.evaluation(0.9, 0.9, 0.8, 2, 2));
    String lsgan = String.join(" ", page.texts("//h3[.='LSGAN']/following-sibling::p"));
    assertTrue(lsgan.contains("coding a = -1 (target for fakes), b = 1 (for real images), c = 0"
        + " (the generator's target), the paper's default"), lsgan);
    assertTrue(lsgan.contains("No class histogram, so nothing here says whether the samples collapsed"), lsgan);
    assertTrue(page.select("//table[@class='class-histogram']").isEmpty());

    ArtifactStore other = ArtifactStore.open(tmp.resolve("orig"));
    Artifact data = UpstreamArtifacts.mnist(other, MNIST_SOURCES);
    Artifact metrics = UpstreamArtifacts.metrics(other, UpstreamArtifacts.model(other, data, SETTINGS),
        UpstreamArtifacts.evaluation(0.9, 0.9, 0.8, 2, 2));
    ParsedReport orig = ParsedReport.of(new ReportStage().run(other, List.of(metrics.id()),
        ReportConfig.getDefaultInstance(), CachePolicy.REUSE).artifact());
    assertTrue(orig.select("//h3[.='LSGAN']").isEmpty());
  }
}
