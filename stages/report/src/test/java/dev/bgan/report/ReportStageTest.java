package dev.bgan.report;

import static dev.bgan.report.UpstreamArtifacts.MNIST_SOURCES;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.util.JsonFormat;
import dev.bgan.artifact.Artifact;
import dev.bgan.artifact.ArtifactSpec;
import dev.bgan.artifact.ArtifactStore;
import dev.bgan.artifact.CachePolicy;
import dev.bgan.common.BadInputException;
import dev.bgan.proto.ClassAccuracy;
import dev.bgan.proto.ClassAccuracyScores;
import dev.bgan.proto.EvaluationMetrics;
import dev.bgan.proto.FeatureNetworkRef;
import dev.bgan.proto.ImageQuality;
import dev.bgan.proto.ImageScores;
import dev.bgan.proto.ReportConfig;
import dev.bgan.proto.SourceFile;
import dev.bgan.report.UpstreamArtifacts.ModelSettings;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

class ReportStageTest {
  private static final ModelSettings BAYESIAN_GAN = new ModelSettings(10, 2, 100, 1000, 7, true);
  private static final ModelSettings DCGAN = new ModelSettings(1, 1, 100, 1000, 7, false);
  private static final ReportConfig TITLED = ReportConfig.newBuilder().setTitle("MNIST, N = 100").build();

  @TempDir Path tmp;
  private ArtifactStore store;
  private Artifact dataset;
  private Artifact bayesModel;
  private Artifact bayesMetrics;
  private Artifact dcganMetrics;

  @BeforeEach
  void upstream() throws Exception {
    store = ArtifactStore.open(tmp.resolve("store"));
    List<Artifact> made = makeUpstream(store, MNIST_SOURCES);
    dataset = made.get(0);
    bayesModel = made.get(1);
    bayesMetrics = made.get(2);
    dcganMetrics = made.get(3);
  }

  /** Dataset, Bayesian GAN model, its metrics, DCGAN metrics (its model has no supervised baseline). */
  private static List<Artifact> makeUpstream(ArtifactStore store, List<SourceFile> sources) throws Exception {
    Artifact data = UpstreamArtifacts.mnist(store, sources);
    Artifact bayes = UpstreamArtifacts.model(store, data, BAYESIAN_GAN);
    Artifact dcgan = UpstreamArtifacts.model(store, data, DCGAN);
    return List.of(data, bayes,
        UpstreamArtifacts.metrics(store, bayes, UpstreamArtifacts.evaluation(0.9712, 0.98347, 0.8123, 20, 2)),
        UpstreamArtifacts.metrics(store, dcgan, UpstreamArtifacts.evaluation(0.9021, 0.91, 0.0, 1, 1)));
  }

  private Artifact report(ReportConfig config) throws Exception {
    return new ReportStage().run(store, List.of(bayesMetrics.id(), dcganMetrics.id()), config, CachePolicy.REUSE).artifact();
  }

  @Test
  void accuracyTableHasOneRowPerMetricsArtifactFormattedFromMetricsJson() throws Exception {
    ParsedReport page = ParsedReport.of(report(TITLED));

    // metrics made before evaluate version 2 have no calibration: their ECE is n/a
    assertEquals(List.of(bayesMetrics.id(), "10 \u00d7 2", "100", "1000",
        "Adam warm-up + noise (all 1000)", "7", "97.12%", "n/a", "98.35%", "81.23%", "n/a", "20"),
        page.texts("//table[@id='accuracy']/tbody/tr[1]/td"));
    assertEquals(List.of(dcganMetrics.id(), "1 \u00d7 1", "100", "1000",
        "Adam warm-up + noise (all 1000)", "7", "90.21%", "n/a", "91.00%", "n/a", "n/a", "1"),
        page.texts("//table[@id='accuracy']/tbody/tr[2]/td"));
    assertEquals(2, page.select("//table[@id='accuracy']/tbody/tr").size());
  }

  @Test
  void eachRowLinksToTheLineageSectionOfItsMetricsArtifact() throws Exception {
    ParsedReport page = ParsedReport.of(report(TITLED));

    for (Artifact metrics : List.of(bayesMetrics, dcganMetrics)) {
      Element link = page.one("//table[@id='accuracy']/tbody/tr[td[1]='" + metrics.id() + "']/td[1]/a");
      String anchor = link.getAttribute("href");
      assertTrue(anchor.startsWith("#"), anchor);
      Element section = page.one("//section[@id='" + anchor.substring(1) + "']");
      assertEquals("lineage", section.getAttribute("class"));
      assertTrue(page.texts("//section[@id='" + anchor.substring(1) + "']/pre").get(0).startsWith(metrics.id() + "  evaluate v1"));
    }
  }

  @Test
  void lossAndAccuracyChartsArePngsOfTheChartSizePerModel() throws Exception {
    ParsedReport page = ParsedReport.of(report(TITLED));

    List<Element> charts = page.select("//section[@class='run']/img[@class='chart']");
    assertEquals(4, charts.size());
    assertTrue(charts.get(0).getAttribute("alt").startsWith("losses of model-"));
    assertTrue(charts.get(1).getAttribute("alt").startsWith("accuracy of model-"));
    for (Element chart : charts) {
      BufferedImage image = ParsedReport.image(chart);
      assertEquals(CurveChart.WIDTH, image.getWidth());
      assertEquals(CurveChart.HEIGHT, image.getHeight());
    }
  }

  @Test
  void sampleGridsAreEmbeddedByteForByte() throws Exception {
    ParsedReport page = ParsedReport.of(report(TITLED));

    List<Element> grids = page.select("//section[@id='run-" + bayesMetrics.id() + "']//img[@class='grid']");
    assertEquals(2, grids.size());
    for (int i = 0; i < grids.size(); i++) {
      String path = "grids/generator-" + i + ".png";
      assertEquals(path, grids.get(i).getAttribute("alt"));
      assertArrayEquals(Files.readAllBytes(bayesMetrics.file(path)), ParsedReport.pngBytes(grids.get(i)));
      assertEquals(UpstreamArtifacts.GRID_SIDE_PIXELS, ParsedReport.image(grids.get(i)).getWidth());
    }
    assertEquals(1, page.select("//section[@id='run-" + dcganMetrics.id() + "']//img[@class='grid']").size());
  }

  @Test
  void runsAreHeadedInWordsAndSmallGridsAreScaledUpWholePixels() throws Exception {
    ParsedReport page = ParsedReport.of(report(TITLED));
    List<String> headings = page.texts("//section[@class='run']/h2");
    assertEquals(2, headings.size());
    for (String heading : headings) {
      assertTrue(heading.matches("Run \\d: \\d+ \u00d7 \\d+ generator samples \\(J \u00d7 M\\), \\d+ discriminators?, .*seed \\d+"),
          heading);
      assertFalse(heading.contains("metrics["), heading);
    }
    // numz x num_mcmc are generator samples; the discriminators are the model summary's count (20 in this fixture).
    assertTrue(headings.get(0).startsWith("Run 1: 10 \u00d7 2 generator samples (J \u00d7 M), 20 discriminators, 100 labels"),
        headings.get(0));
    assertTrue(page.texts("//table[@id='accuracy']//th").contains("generator samples J \u00d7 M"));
    for (Element grid : page.select("//img[@class='grid']")) {
      int width = ParsedReport.image(grid).getWidth();
      int shown = Integer.parseInt(grid.getAttribute("width"));
      assertTrue(shown >= ReportPage.MIN_GRID_WIDTH && shown % width == 0, width + " drawn at " + shown);
      assertEquals(ParsedReport.image(grid).getHeight() * (shown / width), Integer.parseInt(grid.getAttribute("height")));
    }
  }

  @Test
  void fidAndInceptionScorePerSampleAndPooledAndInterpolationGridsAreShownWhenEvaluated() throws Exception {
    ImageQuality quality = ImageQuality.newBuilder()
        .setNetwork(FeatureNetworkRef.newBuilder().setKind("classifier").setArtifactId("classifier-00000000000000aa")
            .setFeatureDim(128))
        .setSeed(3).setIteration(1000).setNumSamples(500).setNumReference(500).setSplits(10)
        .addPerSample(ImageScores.newBuilder().setName("generator-00").setNumImages(500).setFid(12.5)
            .setInceptionScore(8.25).setInceptionScoreStd(0.125))
        .addPerSample(ImageScores.newBuilder().setName("generator-01").setNumImages(500).setFid(14.0)
            .setInceptionScore(8.0).setInceptionScoreStd(0.25))
        .setPooled(ImageScores.newBuilder().setName("pooled").setNumImages(500).setFid(11.75)
            .setInceptionScore(8.5).setInceptionScoreStd(0.0625))
        .setReal(ImageScores.newBuilder().setName("real").setNumImages(500).setInceptionScore(9.5)
            .setInceptionScoreStd(0.5))
        .build();
    EvaluationMetrics evaluation = UpstreamArtifacts.evaluation(0.95, 0.96, 0, 1, 1).toBuilder()
        .setImageQuality(quality).addInterpolationGrids("interpolations/generator-00.png").build();
    // Another model: the fixture's metrics spec depends on the model alone.
    Artifact model = UpstreamArtifacts.model(store, dataset, new ModelSettings(1, 2, 100, 1000, 8, false));
    Artifact metrics = UpstreamArtifacts.metrics(store, model, evaluation);
    Artifact report = new ReportStage().run(store, List.of(metrics.id()), TITLED, CachePolicy.REUSE).artifact();
    ParsedReport page = ParsedReport.of(report);

    String run = "//section[@id='run-" + metrics.id() + "']";
    List<String> rows = page.select(run + "//table[@class='image-quality']/tbody/tr").stream()
        .map(tr -> tr.getTextContent()).toList();
    assertEquals(List.of("generator-0050012.50008.2500 \u00b1 0.1250", "generator-0150014.00008.0000 \u00b1 0.2500",
        "pooled50011.75008.5000 \u00b1 0.0625", "real500n/a9.5000 \u00b1 0.5000"), rows);
    assertTrue(page.html.contains("evaluation classifier classifier-00000000000000aa, 128 features"), page.html);
    List<Element> interpolations = page.select(run + "//img[@class='interpolation']");
    assertEquals(1, interpolations.size());
    assertArrayEquals(Files.readAllBytes(metrics.file("interpolations/generator-00.png")),
        ParsedReport.pngBytes(interpolations.get(0)));
    assertEquals(0, page.select("//section[@id='run-" + bayesMetrics.id() + "']//table[@class='image-quality']").size(),
        "no table for an evaluation without FID or IS");
  }

  @Test
  void acganClassAccuracyPerSampleAndPooledAndPerClassIsShownWhenEvaluated() throws Exception {
    ClassAccuracy accuracy = ClassAccuracy.newBuilder()
        .setNetwork(FeatureNetworkRef.newBuilder().setKind("classifier").setArtifactId("classifier-00000000000000aa")
            .setFeatureDim(128))
        .setSeed(1).setIteration(600).setNumSamples(4)
        .addPerSample(ClassAccuracyScores.newBuilder().setName("generator-00").setAccuracy(0.75)
            .addAllPerClass(List.of(1.0, 0.5)))
        .addPerSample(ClassAccuracyScores.newBuilder().setName("generator-01").setAccuracy(0.5)
            .addAllPerClass(List.of(0.5, 0.5)))
        .setPooled(ClassAccuracyScores.newBuilder().setName("pooled").setAccuracy(0.625)
            .addAllPerClass(List.of(0.75, 0.5)))
        .build();
    EvaluationMetrics evaluation = UpstreamArtifacts.evaluation(0.95, 0.96, 0, 1, 1).toBuilder()
        .setClassAccuracy(accuracy).build();
    Artifact model = UpstreamArtifacts.model(store, dataset, new ModelSettings(2, 1, 100, 1000, 9, false));
    Artifact metrics = UpstreamArtifacts.metrics(store, model, evaluation);
    Artifact report = new ReportStage().run(store, List.of(bayesMetrics.id(), metrics.id()), TITLED,
        CachePolicy.REUSE).artifact();
    ParsedReport page = ParsedReport.of(report);

    String run = "//section[@id='run-" + metrics.id() + "']";
    assertEquals(List.of("imagesaccuracyclass 0class 1"), page.select(run + "//table[@class='class-accuracy']/thead/tr")
        .stream().map(tr -> tr.getTextContent()).toList());
    assertEquals(List.of("generator-0075.00%100.00%50.00%", "generator-0150.00%50.00%50.00%", "pooled62.50%75.00%50.00%"),
        page.select(run + "//table[@class='class-accuracy']/tbody/tr").stream().map(tr -> tr.getTextContent()).toList());
    assertTrue(page.html.contains("labels as the class asked for"), page.html);
    assertEquals(0, page.select("//section[@id='run-" + bayesMetrics.id() + "']//table[@class='class-accuracy']").size(),
        "no table for a model that is not class-conditional");
  }

  @Test
  void lineageShowsTheChainAndTheSha256OfEveryRawSource() throws Exception {
    ParsedReport page = ParsedReport.of(report(TITLED));
    String section = "//section[@id='lineage-" + bayesMetrics.id() + "']";

    String lineage = page.texts(section + "/pre").get(0);
    assertTrue(lineage.contains("model: " + bayesModel.id() + "  train/bayesian_gan v1"), lineage);
    assertTrue(lineage.contains("data: " + dataset.id() + "  prepare/mnist v1"), lineage);
    List<String> expected = MNIST_SOURCES.stream().map(SourceFile::getSha256).toList();
    assertEquals(expected, page.texts(section + "/table[@class='sources']/tbody/tr/td[2]"));
    expected.forEach(sha -> assertTrue(lineage.contains("sha256 " + sha), sha));
  }

  @Test
  void pageReferencesNothingOutsideItself() throws Exception {
    ParsedReport page = ParsedReport.of(report(TITLED));

    assertFalse(page.html.contains("http://"));
    assertFalse(page.html.contains("https://"));
    assertTrue(page.select("//script | //link | //iframe | //object").isEmpty());
    page.select("//*[@src]").forEach(e -> assertTrue(e.getAttribute("src").startsWith("data:image/png;base64,")));
    page.select("//*[@href]").forEach(e -> assertTrue(e.getAttribute("href").startsWith("#"), e.getAttribute("href")));
  }

  @Test
  void reportIsByteIdenticalWhenMadeAgainInAnotherStore() throws Exception {
    Artifact first = report(TITLED);
    ArtifactStore other = ArtifactStore.open(tmp.resolve("other-store"));
    List<Artifact> upstream = makeUpstream(other, MNIST_SOURCES);

    Artifact second = new ReportStage()
        .run(other, List.of(upstream.get(2).id(), upstream.get(3).id()), TITLED, CachePolicy.REUSE).artifact();

    assertEquals(first.id(), second.id());
    // The models' recorded training wall times are the only thing that may differ: they are not part of an id.
    assertEquals(withoutWallTimes(Files.readString(first.file(ReportStage.REPORT_FILE))),
        withoutWallTimes(Files.readString(second.file(ReportStage.REPORT_FILE))));
  }

  private static String withoutWallTimes(String page) {
    String masked = page.replaceAll("<td class=\"number wall-time\" data-wall-ms=\"\\d+\">[^<]*</td>", "WALL");
    assertEquals(2, masked.split("WALL", -1).length - 1);
    return masked;
  }

  @Test
  void runSummaryGivesEachModelsTrainingWallTimeAndTheCommandsThatReproduceIt() throws Exception {
    ParsedReport page = ParsedReport.of(report(TITLED));

    assertEquals(List.of("run", "model", "training wall time", "reproduce", "non-default parameters"),
        page.texts("//table[@id='summary']/thead/tr/th"));
    List<Artifact> models = List.of(store.require(bayesMetrics.manifest().getInputs(0).getId(), "model"),
        store.require(dcganMetrics.manifest().getInputs(0).getId(), "model"));
    List<Artifact> metrics = List.of(bayesMetrics, dcganMetrics);
    for (int i = 0; i < 2; i++) {
      String tr = "//table[@id='summary']/tbody/tr[" + (i + 1) + "]";
      assertEquals("#run-" + metrics.get(i).id(), page.one(tr + "/td[1]/a").getAttribute("href"));
      page.one("//section[@id='run-" + metrics.get(i).id() + "']");
      assertEquals(models.get(i).id(), page.texts(tr + "/td[2]").get(0));
      long wallMs = models.get(i).manifest().getTiming().getWallMs();
      assertEquals(Long.toString(wallMs), page.one(tr + "/td[3]").getAttribute("data-wall-ms"));
      assertEquals(ReportPage.duration(wallMs), page.texts(tr + "/td[3]").get(0));
      assertEquals(List.of("./bgan artifacts reproduce " + models.get(i).id(),
          "./bgan artifacts reproduce " + metrics.get(i).id()), page.texts(tr + "/td[4]/code"));
    }
    // BAYESIAN_GAN's and the metrics' params against TrainConfigs' and EvaluateStage's defaults, by hand:
    // N 100, n_save 100, optimizer sgd, adam_warmup 5000, supervised_baseline true, burn_in 0.5, seed 1 are defaults.
    assertEquals("--set train.lr=0.0002 --set train.num_mcmc=2 --set train.numz=10 --set train.random_seed=7"
        + " --set train.semi_supervised=true --set train.train_iter=1000 --set evaluate.grid_side=4",
        page.texts("//table[@id='summary']/tbody/tr[1]/td[5]/code").get(0));
  }

  @Test
  void durationsReadAsWords() {
    assertEquals(List.of("850 ms", "12.3 s", "4 min 05 s", "2 h 03 min"),
        List.of(ReportPage.duration(850), ReportPage.duration(12_345), ReportPage.duration(245_000),
            ReportPage.duration(7_380_000)));
  }

  @Test
  void rerunIsServedByTheRunCacheAndForceRedrawsTheSamePage() throws Exception {
    List<String> ids = List.of(bayesMetrics.id(), dcganMetrics.id());
    ArtifactStore.Produced first = new ReportStage().run(store, ids, TITLED, CachePolicy.REUSE);
    byte[] bytes = Files.readAllBytes(first.artifact().file(ReportStage.REPORT_FILE));

    ArtifactStore.Produced cached = new ReportStage().run(store, ids, TITLED, CachePolicy.REUSE);
    ArtifactStore.Produced forced = new ReportStage().run(store, ids, TITLED, CachePolicy.FORCE);

    assertFalse(first.cached());
    assertTrue(cached.cached());
    assertFalse(forced.cached());
    assertEquals(first.artifact().id(), forced.artifact().id());
    assertArrayEquals(bytes, Files.readAllBytes(forced.artifact().file(ReportStage.REPORT_FILE)));
  }

  @Test
  void manifestRecordsTheTitleAndEachMetricsInputInOrder() throws Exception {
    Artifact report = report(ReportConfig.getDefaultInstance());

    assertEquals("report", report.manifest().getKind());
    assertEquals(Map.of("title", ReportStage.DEFAULT_TITLE), report.manifest().getParamsMap());
    assertEquals(List.of("metrics[0]=" + bayesMetrics.id(), "metrics[1]=" + dcganMetrics.id()),
        report.manifest().getInputsList().stream().map(in -> in.getRole() + "=" + in.getId()).toList());
    assertEquals(ReportStage.DEFAULT_TITLE, ParsedReport.of(report).one("//h1").getTextContent());
  }

  @Test
  void missingMetricsIdIsBadInputNamingIt() {
    String missing = "metrics-0123456789abcdef";

    BadInputException e = assertThrows(BadInputException.class,
        () -> new ReportStage().run(store, List.of(bayesMetrics.id(), missing), TITLED, CachePolicy.REUSE));

    assertTrue(e.getMessage().contains(missing), e.getMessage());
    assertNoReportPublished();
  }

  @Test
  void idOfAnotherKindIsBadInputNamingIt() {
    BadInputException e = assertThrows(BadInputException.class,
        () -> new ReportStage().run(store, List.of(bayesModel.id()), TITLED, CachePolicy.REUSE));

    assertTrue(e.getMessage().contains(bayesModel.id()), e.getMessage());
    assertTrue(e.getMessage().contains("expected a metrics"), e.getMessage());
    assertNoReportPublished();
  }

  @Test
  void noIdsOrARepeatedIdIsBadInput() {
    assertThrows(BadInputException.class, () -> new ReportStage().run(store, List.of(), TITLED, CachePolicy.REUSE));
    BadInputException e = assertThrows(BadInputException.class,
        () -> new ReportStage().run(store, List.of(bayesMetrics.id(), bayesMetrics.id()), TITLED, CachePolicy.REUSE));
    assertTrue(e.getMessage().contains(bayesMetrics.id() + " is listed twice"), e.getMessage());
  }

  @Test
  void sampleGridThatIsNotAPayloadFileIsBadInputAndNothingIsPublished() throws Exception {
    EvaluationMetrics escaping = UpstreamArtifacts.evaluation(0.9, 0.9, 0.9, 1, 0).toBuilder()
        .addSampleGrids("../../manifest.pb").build();
    ArtifactSpec spec = ArtifactSpec.of("metrics", "evaluate", 1, Map.of("burn_in", "0.9")).withInput("model", bayesModel);
    Artifact metrics = store.produce(spec, CachePolicy.REUSE, draft -> Files.writeString(
        draft.dir().resolve(EvaluatedModel.METRICS_FILE), JsonFormat.printer().print(escaping),
        StandardCharsets.UTF_8)).artifact();

    BadInputException e = assertThrows(BadInputException.class,
        () -> new ReportStage().run(store, List.of(metrics.id()), TITLED, CachePolicy.REUSE));

    assertTrue(e.getMessage().contains("'../../manifest.pb'"), e.getMessage());
    assertNoReportPublished();
  }

  @Test
  void malformedMetricsJsonIsBadInputNamingTheFile() throws Exception {
    ArtifactSpec spec = ArtifactSpec.of("metrics", "evaluate", 1, Map.of("burn_in", "0.7")).withInput("model", bayesModel);
    Artifact metrics = store.produce(spec, CachePolicy.REUSE, draft -> Files.writeString(
        draft.dir().resolve(EvaluatedModel.METRICS_FILE), "{\"semi_supervised_accuracy\": \"high\"}",
        StandardCharsets.UTF_8)).artifact();

    BadInputException e = assertThrows(BadInputException.class,
        () -> new ReportStage().run(store, List.of(metrics.id()), TITLED, CachePolicy.REUSE));

    assertTrue(e.getMessage().startsWith(metrics.file(EvaluatedModel.METRICS_FILE) + ": not a valid EvaluationMetrics"),
        e.getMessage());
  }

  @Test
  void hostileTitleAndArtifactTextAreEscaped() throws Exception {
    String title = "<script>alert('title')</script> & \"quotes\"";
    String origin = "\"><img src=x onerror=alert(1)>";
    String name = "</pre><script>alert(2)</script>";
    store = ArtifactStore.open(tmp.resolve("hostile-store"));
    List<Artifact> upstream = makeUpstream(store, List.of(MNIST_SOURCES.get(0).toBuilder()
        .setName(name).setOrigin(origin).build()));

    Artifact report = new ReportStage().run(store, List.of(upstream.get(2).id()),
        ReportConfig.newBuilder().setTitle(title).build(), CachePolicy.REUSE).artifact();
    ParsedReport page = ParsedReport.of(report);

    assertFalse(page.html.contains("<script>"));
    assertTrue(page.select("//script").isEmpty());
    assertEquals(title, page.one("//title").getTextContent());
    assertEquals(title, page.one("//h1").getTextContent());
    assertEquals(List.of(name, origin), page.texts("//table[@class='sources']/tbody/tr/td[position() = 1 or position() = 4]"));
    assertTrue(page.texts("//pre").get(0).contains("source: " + name));
    assertEquals(5, page.select("//img").size(), "two charts, two grids and the real images, no injected image");
  }

  private void assertNoReportPublished() {
    assertTrue(store.list().stream().noneMatch(a -> a.manifest().getKind().equals("report")));
  }
}
