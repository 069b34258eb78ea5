package dev.bgan.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bgan.artifact.Artifact;
import dev.bgan.artifact.ArtifactStore;
import dev.bgan.artifact.CachePolicy;
import dev.bgan.proto.ReportConfig;
import dev.bgan.testing.GoldenStores;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report reads metrics of evaluate stage version 1 over models of train stage versions 1 and 2,
 * all made by the code of their time (GoldenStores): one row each, the accuracies their metrics.json
 * recorded, no calibration (version 1 had none), and the lineage naming each stage version.
 */
class EarlierMetricsTest {
  @TempDir Path tmp;

  @Test
  void reportsOnMetricsAndModelsMadeByEarlierVersions() throws Exception {
    Path dir = tmp.resolve("store");
    GoldenStores.TRAIN_VERSIONS.forEach(version -> GoldenStores.copy(version, dir));
    ArtifactStore store = ArtifactStore.open(dir);
    String v1 = GoldenStores.properties(1).getProperty("metrics");
    String v2 = GoldenStores.properties(2).getProperty("metrics");
    Artifact report = new ReportStage().run(store, List.of(v1, v2), ReportConfig.newBuilder().setTitle("earlier").build(),
        CachePolicy.REUSE).artifact();
    ParsedReport page = ParsedReport.of(report);

    List<String> first = page.texts("//table[@id='accuracy']/tbody/tr[1]/td");
    List<String> second = page.texts("//table[@id='accuracy']/tbody/tr[2]/td");
    assertEquals(v1, first.get(0));
    assertEquals(v2, second.get(0));
    // metrics.json of train-v1: semi-supervised 0.0974, supervised 0.0982; of train-v2: 0.1028 and 0.0982.
    assertTrue(first.containsAll(List.of("9.74%", "9.82%", "n/a")), first.toString());
    assertTrue(second.containsAll(List.of("10.28%", "9.82%", "n/a")), second.toString());
    String lineage = String.join("\n", page.texts("//section[@class='lineage']/pre"));
    assertTrue(lineage.contains(GoldenStores.properties(1).getProperty("model") + "  train v1"), lineage);
    assertTrue(lineage.contains(GoldenStores.properties(2).getProperty("model") + "  train v2"), lineage);
    assertTrue(lineage.contains(v1 + "  evaluate v1") && lineage.contains(v2 + "  evaluate v1"), lineage);
  }
}
