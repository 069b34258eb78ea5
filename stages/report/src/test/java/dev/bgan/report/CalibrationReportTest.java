package dev.bgan.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bgan.artifact.Artifact;
import dev.bgan.artifact.ArtifactStore;
import dev.bgan.artifact.CachePolicy;
import dev.bgan.proto.Calibration;
import dev.bgan.proto.ChainDiagnostics;
import dev.bgan.proto.ChainStatistic;
import dev.bgan.proto.EvaluationMetrics;
import dev.bgan.proto.ReportConfig;
import dev.bgan.report.UpstreamArtifacts.ModelSettings;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/**
 * A Bayesian GAN (with a supervised baseline, two chains) and a DCGAN (one chain, too few draws)
 * in one report: each one's ECE beside its accuracy, a reliability diagram per run drawn from its
 * bins, the bins' table, and the chain diagnostics or the reason there are none.
 */
class CalibrationReportTest {
  @TempDir Path tmp;

  /** Five bins: (0.4, 0.6] 30 points, (0.6, 0.8] 50, (0.8, 1] 20. */
  static Calibration calibration(double ece, double a2, double a3, double a4) {
    return Calibration.newBuilder().setNumBins(5).setExpectedCalibrationError(ece).setCount(100)
        .addAllBinCount(List.of(0, 0, 30, 50, 20)).addAllBinAccuracy(List.of(0.0, 0.0, a2, a3, a4))
        .addAllBinConfidence(List.of(0.0, 0.0, 0.55, 0.7, 0.9)).build();
  }

  @Test
  void eachRunsEceReliabilityDiagramAndChainDiagnosticsAreShown() throws Exception {
    ArtifactStore store = ArtifactStore.open(tmp.resolve("store"));
    Artifact data = UpstreamArtifacts.mnist(store);
    Artifact bayesModel = UpstreamArtifacts.model(store, data, new ModelSettings(10, 2, 100, 1000, 7, true));
    Artifact dcganModel = UpstreamArtifacts.model(store, data, new ModelSettings(1, 1, 100, 1000, 7, false));
    EvaluationMetrics bayes = UpstreamArtifacts.evaluation(0.9712, 0.98347, 0.8123, 20, 2).toBuilder()
        .setCalibration(calibration(0.0123, 0.5, 0.72, 0.95))
        .setSupervisedCalibration(calibration(0.25, 0.2, 0.4, 0.7))
        .setChainDiagnostics(ChainDiagnostics.newBuilder().setNumChains(2).setDrawsPerChain(10).setNumPoints(100)
            .setNumConstantPoints(3).setPointRhatMax(1.25).setPointRhatMedian(1.0125).setPointEssBulkMin(4.5)
            .setPointEssBulkMedian(17.25).setNumPointsRhatHigh(60)
            .addWeightNorms(ChainStatistic.newBuilder().setName("01Conv2d_weight").setRhat(Double.POSITIVE_INFINITY)
                .setEssBulk(2.5)))
        .build();
    EvaluationMetrics dcgan = UpstreamArtifacts.evaluation(0.9021, 0.91, 0.0, 1, 1).toBuilder()
        .setCalibration(calibration(0.0875, 0.45, 0.6, 0.8))
        .setChainDiagnostics(ChainDiagnostics.newBuilder().setNumChains(1).setDrawsPerChain(2)
            .setNotComputed("2 draws per chain after burn-in: rank-normalised split R-hat and bulk ESS need at least 4"))
        .build();
    Artifact bayesMetrics = UpstreamArtifacts.metrics(store, bayesModel, bayes);
    Artifact dcganMetrics = UpstreamArtifacts.metrics(store, dcganModel, dcgan);
    Artifact report = new ReportStage().run(store, List.of(bayesMetrics.id(), dcganMetrics.id()),
        ReportConfig.getDefaultInstance(), CachePolicy.REUSE).artifact();
    ParsedReport page = ParsedReport.of(report);

    List<String> bayesRow = page.texts("//table[@id='accuracy']/tbody/tr[1]/td");
    assertEquals(List.of("97.12%", "0.0123", "98.35%", "81.23%", "0.2500"), bayesRow.subList(6, 11));
    List<String> dcganRow = page.texts("//table[@id='accuracy']/tbody/tr[2]/td");
    assertEquals(List.of("90.21%", "0.0875", "91.00%", "n/a", "n/a"), dcganRow.subList(6, 11));

    String bayesRun = "//section[@id='run-" + bayesMetrics.id() + "']";
    Element diagram = page.one(bayesRun + "/img[@class='reliability']");
    BufferedImage image = ParsedReport.image(diagram);
    assertEquals(ReliabilityDiagram.SIDE, image.getWidth());
    assertEquals(ReliabilityDiagram.SIDE, image.getHeight());
    assertTrue(colours(image) > 4, "a diagram is drawn, not a blank image");
    // the same bins give the same bytes; other bins another picture
    ReliabilityDiagram same = new ReliabilityDiagram("reliability of " + bayesModel.id(), List.of(
        new ReliabilityDiagram.Classifier("Bayesian model average", bayes.getCalibration()),
        new ReliabilityDiagram.Classifier("supervised baseline", bayes.getSupervisedCalibration())));
    assertArrayEquals(same.toPng(), ParsedReport.pngBytes(diagram));
    assertEquals(List.of("(0.400, 0.600]300.50000.5500300.20000.5500", "(0.600, 0.800]500.72000.7000500.40000.7000",
        "(0.800, 1.000]200.95000.9000200.70000.9000"),
        page.select(bayesRun + "/table[@class='reliability']/tbody/tr").stream().map(Element::getTextContent).toList());
    assertEquals(1, page.select("//section[@id='run-" + dcganMetrics.id() + "']/img[@class='reliability']").size());

    List<String> chains = page.select(bayesRun + "/table[@class='chain-diagnostics']/tbody/tr").stream()
        .map(Element::getTextContent).toList();
    assertEquals(2, chains.size());
    assertTrue(chains.get(0).contains("97 varying") && chains.get(0).contains("60 with R-hat > 1.01")
        && chains.get(0).contains("1.250 / 1.013") && chains.get(0).contains("4.5 / 17.3"), chains.get(0));
    assertEquals("L2 norm of 01Conv2d_weight\u221e2.5", chains.get(1));
    String notComputed = page.one("//section[@id='run-" + dcganMetrics.id() + "']/p[@class='not-computed']")
        .getTextContent();
    assertTrue(notComputed.contains("need at least 4"), notComputed);
    assertTrue(page.html.contains("one chain: R-hat compares its first and second halves only"));
  }

  @Test
  void diagramPointsAreTheNonEmptyBins() {
    double[][] xy = ReliabilityDiagram.points(calibration(0.1, 0.5, 0.72, 0.95));
    assertArrayEquals(new double[] {0.55, 0.7, 0.9}, xy[0]);
    assertArrayEquals(new double[] {0.5, 0.72, 0.95}, xy[1]);
  }

  private static int colours(BufferedImage image) {
    java.util.Set<Integer> seen = new java.util.HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 3) {
      for (int x = 0; x < image.getWidth(); x += 3) {
        seen.add(image.getRGB(x, y));
      }
    }
    return seen.size();
  }
}
