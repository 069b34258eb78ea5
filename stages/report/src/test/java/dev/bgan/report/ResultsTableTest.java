package dev.bgan.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bgan.artifact.Artifact;
import dev.bgan.artifact.ArtifactStore;
import dev.bgan.artifact.CachePolicy;
import dev.bgan.proto.ReportConfig;
import dev.bgan.report.UpstreamArtifacts.ModelSettings;
import dev.bgan.testing.Python;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Table 1 section: rows by method as the models' parameters say, cells over seeds, links to lineage. */
class ResultsTableTest {
  @TempDir Path tmp;

  @Test
  void rowsAreMethodsColumnsLabelsCellsMeanAndStandardErrorOverSeeds() throws Exception {
    ArtifactStore store = ArtifactStore.open(tmp.resolve("store"));
    Artifact data = UpstreamArtifacts.mnist(store);
    List<String> metrics = new ArrayList<>();
    double[] bayes = {0.91, 0.935, 0.902};
    for (int seed = 1; seed <= 3; seed++) {
      Artifact model = UpstreamArtifacts.model(store, data, new ModelSettings(2, 3, 100, 1000, seed, true));
      metrics.add(UpstreamArtifacts.metrics(store, model,
          UpstreamArtifacts.evaluation(bayes[seed - 1], 0.95, 0.70 + 0.01 * seed, 2, 1)).id());
    }
    Artifact dcgan = UpstreamArtifacts.model(store, data, new ModelSettings(1, 1, 200, 1000, 1, false),
        Map.of("ml_ensemble", "1"));
    metrics.add(UpstreamArtifacts.metrics(store, dcgan, UpstreamArtifacts.evaluation(0.88, 0.9, 0, 1, 1)).id());
    Artifact ensemble = UpstreamArtifacts.model(store, data, new ModelSettings(1, 1, 100, 1000, 1, false),
        Map.of("ml_ensemble", "3"));
    metrics.add(UpstreamArtifacts.metrics(store, ensemble, UpstreamArtifacts.evaluation(0.9, 0.9, 0, 3, 1)).id());
    Artifact wasserstein = UpstreamArtifacts.model(store, data, new ModelSettings(1, 1, 100, 1000, 1, false),
        Map.of("ml_ensemble", "1", "wasserstein", "true"));
    metrics.add(UpstreamArtifacts.metrics(store, wasserstein, UpstreamArtifacts.evaluation(0.8, 0.8, 0, 1, 1)).id());
    // An LSGAN run and its baseline of K outputs: another network than the Bayesian runs' baselines.
    Artifact lsgan = UpstreamArtifacts.model(store, data, new ModelSettings(1, 1, 100, 1000, 1, true),
        Map.of("ml_ensemble", "1", "objective", "lsgan"));
    metrics.add(UpstreamArtifacts.metrics(store, lsgan, UpstreamArtifacts.evaluation(0.85, 0.85, 0.5, 1, 1)).id());

    ParsedReport page = ParsedReport.of(new ReportStage().run(store, metrics, ReportConfig.getDefaultInstance(),
        CachePolicy.REUSE).artifact());

    assertEquals(List.of("method", "N = 100", "N = 200"), page.texts("//table[@id='results']/thead/tr/th"));
    assertEquals(List.of("Supervised only", "Supervised only (K outputs)", "DCGAN", "W-DCGAN", "LSGAN",
        "DCGAN ensemble (K = 3)", "Bayesian GAN (J = 2, M = 3)"), page.texts("//table[@id='results']/tbody/tr/th"));
    String[] reference = Python.run(List.of("numpy"), """
        import numpy as np
        for acc in ([0.91, 0.935, 0.902], [0.71, 0.72, 0.73]):
            e = 100 * np.array(acc)
            print('%.2f \\u00b1 %.2f' % (e.mean(), e.std(ddof=1) / np.sqrt(len(e))))
        """).strip().split("\n");
    assertEquals(reference[0], page.one("//tr[@data-method='Bayesian GAN (J = 2, M = 3)']/td[@data-n='100']/span").getTextContent());
    assertEquals(reference[1], page.one("//tr[@data-method='Supervised only']/td[@data-n='100']/span").getTextContent());
    assertEquals("3", page.one("//tr[@data-method='Supervised only']/td[@data-n='100']").getAttribute("data-seeds"));
    assertEquals("3", page.one("//tr[@data-method='Supervised only']/td[@data-n='100']").getAttribute("data-runs"));
    assertEquals("50.00", page.one("//tr[@data-method='Supervised only (K outputs)']/td[@data-n='100']/span")
        .getTextContent());
    assertEquals("85.00", page.one("//tr[@data-method='LSGAN']/td[@data-n='100']/span").getTextContent());
    // One seed: no standard error; a method without runs at an N: a dash.
    assertEquals("88.00", page.one("//tr[@data-method='DCGAN']/td[@data-n='200']/span").getTextContent());
    assertEquals("\u2013", page.one("//tr[@data-method='DCGAN']/td[@data-n='100']").getTextContent());
    assertEquals("\u2013", page.one("//tr[@data-method='Supervised only']/td[@data-n='200']").getTextContent());
    // Each seed's number links to the lineage section of its run.
    List<String> links = page.select("//tr[@data-method='Bayesian GAN (J = 2, M = 3)']/td[@data-n='100']//a").stream()
        .map(a -> a.getAttribute("href") + " " + a.getTextContent()).toList();
    assertEquals(List.of("#lineage-" + metrics.get(0) + " 91.00", "#lineage-" + metrics.get(1) + " 93.50",
        "#lineage-" + metrics.get(2) + " 90.20"), links);
    // The paper's convention, test error, rides along for whoever compares with its Table 1.
    assertEquals(12.0, Double.parseDouble(page.one("//tr[@data-method='DCGAN']/td[@data-n='200']").getAttribute("data-error")), 1e-9);
    for (int i = 0; i < metrics.size(); i++) {
      page.one("//section[@id='lineage-" + metrics.get(i) + "']");
    }
  }
}
