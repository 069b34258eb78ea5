package dev.bgan.report;

import dev.bgan.proto.ChainDiagnostics;
import dev.bgan.proto.ChainStatistic;
import dev.bgan.proto.ClassAccuracy;
import dev.bgan.proto.ClassAccuracyScores;
import dev.bgan.proto.EvaluationMetrics;
import dev.bgan.proto.FeatureNetworkRef;
import dev.bgan.proto.ImageQuality;
import dev.bgan.proto.ImageScores;
import dev.bgan.proto.PointCurveEntry;
import dev.bgan.proto.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The report as one HTML page: the accuracy table (with each run's ECE), then per metrics artifact
 * its training curves, sample grids, reliability diagram, chain diagnostics, FID/IS, AC-GAN's class
 * accuracy and lineage. Everything is inline (CSS, images as data URIs) so the file can be
 * mailed or archived alone, and nothing in it depends on the clock or the machine's locale. The
 * markup is also well-formed XML, which lets tests read it with the JDK's parser.
 */
final class ReportPage {
  private static final String STYLE = String.join("\n",
      "body { font-family: sans-serif; margin: 2em; color: #222; }",
      "table { border-collapse: collapse; margin: 1em 0; }",
      "th, td { border: 1px solid #bbb; padding: 0.3em 0.6em; }",
      "th { background: #eee; }",
      "td.number { text-align: right; font-variant-numeric: tabular-nums; }",
      "section.run { border-top: 2px solid #888; margin-top: 2em; }",
      "figure { display: inline-block; margin: 0.5em; }",
      "img.grid, img.interpolation { image-rendering: pixelated; }",
      "td.set code { white-space: normal; }",
      "pre { background: #f6f6f6; padding: 0.8em; white-space: pre-wrap; overflow-wrap: anywhere; }",
      "p.note { color: #555; font-style: italic; }");

  private ReportPage() {}

  static String render(String title, List<EvaluatedModel> rows) {
    StringBuilder page = new StringBuilder();
    page.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
        .append("<title>").append(Html.escape(title)).append("</title>\n")
        .append("<style>\n").append(STYLE).append("\n</style>\n</head>\n<body>\n")
        .append("<h1>").append(Html.escape(title)).append("</h1>\n");
    appendRunSummary(page, rows);
    List<EvaluatedModel> images = rows.stream().filter(r -> r.evaluation().getPointCurveCount() == 0).toList();
    List<EvaluatedModel> points = rows.stream().filter(r -> r.evaluation().getPointCurveCount() > 0).toList();
    if (!images.isEmpty()) {
      ResultsTable results = ResultsTable.of(images);
      if (!results.isEmpty()) {
        results.appendTo(page);
      }
      appendAccuracyTable(page, images);
    }
    if (!points.isEmpty()) {
      appendPointRuns(page, points);
    }
    for (int i = 0; i < rows.size(); i++) {
      appendRun(page, i, rows.get(i));
    }
    page.append("</body>\n</html>\n");
    return page.toString();
  }

  /** Per run: its model, how long training took (the model manifest's wall time) and the commands that redo it. */
  private static void appendRunSummary(StringBuilder page, List<EvaluatedModel> rows) {
    page.append("<h2>Runs</h2>\n<table id=\"summary\">\n<thead><tr><th>run</th><th>model</th>")
        .append("<th>training wall time</th><th>reproduce</th><th>non-default parameters</th></tr></thead>\n<tbody>\n");
    for (int i = 0; i < rows.size(); i++) {
      EvaluatedModel row = rows.get(i);
      String metricsId = Html.escape(row.metrics().id());
      long wallMs = row.model().manifest().getTiming().getWallMs();
      page.append("<tr><td><a href=\"#run-").append(metricsId).append("\">Run ").append(i + 1).append("</a></td>")
          .append(cell(row.model().id()))
          .append("<td class=\"number wall-time\" data-wall-ms=\"").append(wallMs).append("\">")
          .append(duration(wallMs)).append("</td>")
          .append("<td><code>./bgan artifacts reproduce ").append(Html.escape(row.model().id())).append("</code><br/>")
          .append("<code>./bgan artifacts reproduce ").append(metricsId).append("</code></td>")
          .append(nonDefaultCell(row)).append("</tr>\n");
    }
    page.append("</tbody>\n</table>\n")
        .append("<p class=\"note\">Wall time: what training took when the model was made, as its manifest records ")
        .append("it (the one cell of the page that a model trained again, with the same id, can change). <code>artifacts reproduce ID</code> recomputes the artifact from its recorded stage, ")
        .append("parameters and inputs in a scratch store and compares the bytes: the model id redoes the training, ")
        .append("the metrics id the evaluation. Non-default parameters: what differs from the train and evaluate ")
        .append("stages' defaults, as <code>./bgan run</code> overrides for a workflow whose stages are named train and ")
        .append("evaluate (as the shipped ones), with the run's dataset and classifier as the lineage names them.</p>\n");
  }

  private static String nonDefaultCell(EvaluatedModel row) {
    List<String> words = NonDefaultParameters.of(row);
    return words.isEmpty() ? "<td>none: every parameter at its default</td>"
        : "<td class=\"set\"><code>" + Html.escape(String.join(" ", words)) + "</code></td>";
  }

  /** Milliseconds in words: "850 ms", "12.3 s", "4 min 05 s", "2 h 03 min". */
  static String duration(long ms) {
    if (ms < 1000) {
      return ms + " ms";
    }
    if (ms < 60_000) {
      return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
    long s = ms / 1000;
    if (s < 3600) {
      return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
  }

  private static void appendAccuracyTable(StringBuilder page, List<EvaluatedModel> rows) {
    page.append("<h2>Test accuracy</h2>\n<table id=\"accuracy\">\n<thead><tr>")
        .append("<th>metrics</th><th>generator samples J \u00d7 M</th><th>labels N</th><th>iterations</th><th>sampler</th><th>seed</th>")
        .append("<th>semi-supervised (Bayesian model average)</th><th>ECE</th><th>ORIG, excluding predicted fake</th>")
        .append("<th>supervised baseline</th><th>supervised ECE</th><th>discriminator samples averaged</th>")
        .append("</tr></thead>\n<tbody>\n");
    for (EvaluatedModel row : rows) {
      EvaluationMetrics m = row.evaluation();
      page.append("<tr>")
          .append("<td><a href=\"#").append(lineageAnchor(row)).append("\">").append(Html.escape(row.metrics().id()))
          .append("</a></td>")
          .append(cell(row.modelParam("numz") + " \u00d7 " + row.modelParam("num_mcmc")))
          .append(numberCell(row.modelParam("N")))
          .append(numberCell(row.modelParam("train_iter")))
          .append(cell(row.sampler()))
          .append(numberCell(row.modelParam("random_seed")))
          .append(numberCell(percent(m.getSemiSupervisedAccuracy())))
          .append(numberCell(m.hasCalibration() ? ece(m.getCalibration()) : "n/a"))
          .append(numberCell(m.hasSemiSupervisedAccuracyExcludingFake()
              ? percent(m.getSemiSupervisedAccuracyExcludingFake()) : "n/a"))
          .append(numberCell(row.hasSupervisedBaseline() ? percent(m.getSupervisedAccuracy()) : "n/a"))
          .append(numberCell(row.hasSupervisedBaseline() && m.hasSupervisedCalibration()
              ? ece(m.getSupervisedCalibration()) : "n/a"))
          .append(numberCell(Integer.toString(m.getNumDiscriminatorSamples())))
          .append("</tr>\n");
    }
    page.append("</tbody>\n</table>\n")
        .append("<p>ECE: expected calibration error of the top-label confidence (equal-width bins, |accuracy \u2212 ")
        .append("confidence| weighted by the bin's share of the test points); 0 is perfectly calibrated. ")
        .append("n/a: not evaluated (metrics made before evaluate version 2).</p>\n");
  }

  /** The synthetic experiment: final JS divergence and modes per run, and both curves of every run in one chart each. */
  private static void appendPointRuns(StringBuilder page, List<EvaluatedModel> rows) {
    page.append("<h2>Synthetic data: JS divergence and modes</h2>\n<table id=\"points\">\n<thead><tr>")
        .append("<th>metrics</th><th>run</th><th>iterations</th><th>sampler</th>")
        .append("<th>final JS divergence</th><th>final modes</th>")
        .append("</tr></thead>\n<tbody>\n");
    for (EvaluatedModel row : rows) {
      EvaluationMetrics m = row.evaluation();
      PointCurveEntry last = m.getPointCurve(m.getPointCurveCount() - 1);
      page.append("<tr>")
          .append("<td><a href=\"#").append(lineageAnchor(row)).append("\">").append(Html.escape(row.metrics().id()))
          .append("</a></td>")
          .append(cell(PointCurves.runName(row)))
          .append(numberCell(row.modelParam("train_iter")))
          .append(cell(row.sampler()))
          .append(numberCell(String.format(Locale.ROOT, "%.4f", last.getJsDivergence())))
          .append(numberCell(Integer.toString(last.getModes())))
          .append("</tr>\n");
    }
    page.append("</tbody>\n</table>\n");
    appendChart(page, PointCurves.jsDivergence(rows), "JS divergence against iteration");
    appendChart(page, PointCurves.modes(rows), "modes against iteration");
  }

  private static void appendRun(StringBuilder page, int index, EvaluatedModel row) {
    String metricsId = Html.escape(row.metrics().id());
    String modelId = Html.escape(row.model().id());
    EvaluationMetrics m = row.evaluation();
    page.append("<section class=\"run\" id=\"run-").append(metricsId).append("\">\n")
        .append("<h2>Run ").append(index + 1).append(": ").append(Html.escape(runTitle(row))).append("</h2>\n")
        .append("<p>Metrics ").append(metricsId).append(".</p>\n");
    boolean points = m.getPointCurveCount() > 0;
    if (points) {
      page.append("<p>Model ").append(modelId).append(", ").append(Html.escape(PointCurves.runName(row))).append(": ")
          .append(m.getNumFakePoints()).append(" generated against ").append(m.getNumRealPoints())
          .append(" real points at each saved iteration.</p>\n");
    } else {
      page.append("<p>Model ").append(modelId).append(", ").append(m.getTestCount()).append(" test points");
      if (m.hasFractionPredictedFake()) {
        page.append(", ").append(percent(m.getFractionPredictedFake())).append(" of them predicted fake");
      }
      page.append(".</p>\n");
    }

    page.append("<h3>Training curves</h3>\n");
    if (row.trainingLog().getEntriesCount() == 0) {
      page.append("<p>The training log of ").append(modelId).append(" has no entries.</p>\n");
    } else {
      appendChart(page, TrainingCurves.losses(row.trainingLog()), "losses of " + modelId);
      if (!points) {
        appendChart(page, TrainingCurves.accuracies(row.trainingLog(), row.hasSupervisedBaseline()),
            "accuracy of " + modelId);
      }
    }

    page.append("<h3>Sample grids</h3>\n");
    if (row.grids().isEmpty()) {
      page.append("<p class=\"note\">No sample grids: evaluated without the grid metric.</p>\n");
    } else if (row.realGrid().isPresent()) {
      page.append("<p>Real test images first, tiled and drawn at the same scale as each generator sample's grid.</p>\n");
      appendFigure(page, "grid real", row.realGrid().get());
    }
    for (EvaluatedModel.SampleGrid grid : row.grids()) {
      appendFigure(page, "grid", grid);
    }
    if (m.hasCalibration()) {
      appendCalibration(page, row);
    }
    if (m.hasChainDiagnostics()) {
      appendChainDiagnostics(page, m.getChainDiagnostics());
    }
    if (m.hasImageQuality()) {
      appendImageQuality(page, m.getImageQuality());
    }
    if (m.hasClassAccuracy()) {
      appendClassAccuracy(page, m.getClassAccuracy());
    }
    if (m.hasInfogan()) {
      InfoganSection.append(page, row);
    }
    if (m.hasClassHistogram()) {
      ClassHistogramSection.appendTo(page, m.getClassHistogram());
    }
    if (LsganSection.applies(row)) {
      LsganSection.appendTo(page, row);
    }
    if (!row.interpolations().isEmpty()) {
      page.append("<h3>Latent interpolations</h3>\n<p>One row per pair of latent vectors, one column per step of ")
          .append("the straight line from one to the other; the same pairs for every generator sample.</p>\n");
      for (EvaluatedModel.SampleGrid grid : row.interpolations()) {
        appendFigure(page, "interpolation", grid);
      }
    }

    page.append("<section class=\"lineage\" id=\"").append(lineageAnchor(row)).append("\">\n")
        .append("<h3>Lineage</h3>\n<pre>").append(Html.escape(row.lineage())).append("</pre>\n");
    appendSources(page, row.rawSources());
    page.append("</section>\n</section>\n");
  }

  /** The reliability diagram of the model average (and of the supervised baseline) and the bins it is drawn from. */
  private static void appendCalibration(StringBuilder page, EvaluatedModel row) {
    EvaluationMetrics m = row.evaluation();
    List<ReliabilityDiagram.Classifier> classifiers = new ArrayList<>();
    classifiers.add(new ReliabilityDiagram.Classifier("Bayesian model average", m.getCalibration()));
    if (row.hasSupervisedBaseline() && m.hasSupervisedCalibration()) {
      classifiers.add(new ReliabilityDiagram.Classifier("supervised baseline", m.getSupervisedCalibration()));
    }
    ReliabilityDiagram diagram = new ReliabilityDiagram("reliability of " + row.model().id(), classifiers);
    page.append("<h3>Calibration</h3>\n<p>Top-label confidence in ").append(m.getCalibration().getNumBins())
        .append(" equal-width bins over ").append(m.getCalibration().getCount())
        .append(" test points; a point below the diagonal is an over-confident bin, above it an under-confident one. ");
    for (ReliabilityDiagram.Classifier c : classifiers) {
      page.append(Html.escape(c.name())).append(": ECE ").append(ece(c.calibration())).append(". ");
    }
    page.append("</p>\n<img class=\"reliability\" width=\"").append(ReliabilityDiagram.SIDE).append("\" height=\"")
        .append(ReliabilityDiagram.SIDE).append("\" alt=\"reliability diagram of ").append(Html.escape(row.model().id()))
        .append("\" src=\"").append(Html.pngDataUri(diagram.toPng())).append("\"/>\n")
        .append("<table class=\"reliability\">\n<thead><tr><th>confidence bin</th>");
    for (ReliabilityDiagram.Classifier c : classifiers) {
      String name = Html.escape(c.name());
      page.append("<th>").append(name).append(": points</th><th>accuracy</th><th>mean confidence</th>");
    }
    page.append("</tr></thead>\n<tbody>\n");
    int bins = m.getCalibration().getNumBins();
    for (int b = 0; b < bins; b++) {
      boolean any = false;
      for (ReliabilityDiagram.Classifier c : classifiers) {
        any |= c.calibration().getBinCount(b) > 0;
      }
      if (!any) {
        continue;
      }
      page.append("<tr>").append(cell(String.format(Locale.ROOT, "(%.3f, %.3f]", (double) b / bins, (b + 1.0) / bins)));
      for (ReliabilityDiagram.Classifier c : classifiers) {
        dev.bgan.proto.Calibration cal = c.calibration();
        boolean empty = cal.getBinCount(b) == 0;
        page.append(numberCell(Integer.toString(cal.getBinCount(b))))
            .append(numberCell(empty ? "\u2013" : String.format(Locale.ROOT, "%.4f", cal.getBinAccuracy(b))))
            .append(numberCell(empty ? "\u2013" : String.format(Locale.ROOT, "%.4f", cal.getBinConfidence(b))));
      }
      page.append("</tr>\n");
    }
    page.append("</tbody>\n</table>\n");
  }

  /** R-hat and bulk ESS of the predictive probabilities and the weight norms, or why there are none. */
  private static void appendChainDiagnostics(StringBuilder page, ChainDiagnostics d) {
    page.append("<h3>Chain diagnostics</h3>\n<p>").append(d.getNumChains()).append(" discriminator chain")
        .append(d.getNumChains() == 1 ? "" : "s").append(" \u00d7 ").append(d.getDrawsPerChain())
        .append(" saved iterations after burn-in; rank-normalised split R-hat and bulk ESS (ArviZ's definitions)");
    if (d.getNumChains() == 1) {
      page.append("; one chain: R-hat compares its first and second halves only");
    }
    page.append(".</p>\n");
    if (!d.getNotComputed().isEmpty()) {
      page.append("<p class=\"not-computed\">Not computed: ").append(Html.escape(d.getNotComputed())).append("</p>\n");
      return;
    }
    page.append("<table class=\"chain-diagnostics\">\n<thead><tr><th>quantity</th><th>R-hat</th><th>bulk ESS</th>")
        .append("</tr></thead>\n<tbody>\n");
    int varying = d.getNumPoints() - d.getNumConstantPoints();
    String points = "predictive probability of the true class, test points 0\u2013" + (d.getNumPoints() - 1);
    if (varying == 0) {
      page.append("<tr>").append(cell(points)).append(numberCell("n/a")).append(numberCell("n/a")).append("</tr>\n");
    } else {
      page.append("<tr>").append(cell(points + " (" + varying + " varying: max / median; "
              + d.getNumPointsRhatHigh() + " with R-hat > 1.01)"))
          .append(numberCell(rhat(d.getPointRhatMax()) + " / " + rhat(d.getPointRhatMedian())))
          .append(numberCell(ess(d.getPointEssBulkMin()) + " / " + ess(d.getPointEssBulkMedian()) + " (min / median)"))
          .append("</tr>\n");
    }
    for (ChainStatistic w : d.getWeightNormsList()) {
      page.append("<tr>").append(cell("L2 norm of " + w.getName())).append(numberCell(rhat(w.getRhat())))
          .append(numberCell(ess(w.getEssBulk()))).append("</tr>\n");
    }
    page.append("</tbody>\n</table>\n<p>R-hat near 1 (below 1.01) says the chains and their halves agree; ")
        .append("bulk ESS is the number of independent draws worth as much as the ")
        .append(2 * (d.getDrawsPerChain() / 2) * d.getNumChains()).append(" split draws. ");
    if (d.getNumConstantPoints() > 0) {
      page.append(d.getNumConstantPoints()).append(" points have the same probability in every draw and no R-hat. ");
    }
    page.append("</p>\n");
  }

  private static String ece(dev.bgan.proto.Calibration c) {
    return String.format(Locale.ROOT, "%.4f", c.getExpectedCalibrationError());
  }

  private static String rhat(double value) {
    return Double.isInfinite(value) ? "\u221e" : String.format(Locale.ROOT, "%.3f", value);
  }

  private static String ess(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }

  /** Sample grids are drawn at least this wide: an 8x8 grid of 8x8 digits is 91 pixels, too small to read. */
  static final int MIN_GRID_WIDTH = 360;

  static void appendFigure(StringBuilder page, String cssClass, EvaluatedModel.SampleGrid grid) {
    String path = Html.escape(grid.path());
    page.append("<figure><img class=\"").append(cssClass).append("\"");
    int[] size = pngSize(grid.png());
    if (size != null && size[0] < MIN_GRID_WIDTH) {
      // Whole multiples, drawn nearest-neighbour (image-rendering: pixelated): each pixel a square.
      int scale = (MIN_GRID_WIDTH + size[0] - 1) / size[0];
      page.append(" width=\"").append(size[0] * scale).append("\" height=\"").append(size[1] * scale).append("\"");
    }
    page.append(" alt=\"").append(path).append("\" src=\"")
        .append(Html.pngDataUri(grid.png())).append("\"/><figcaption>").append(path)
        .append("</figcaption></figure>\n");
  }

  /** FID and IS of each generator sample, the pooled posterior and the real test images, and what they were measured with. */
  private static void appendImageQuality(StringBuilder page, ImageQuality quality) {
    FeatureNetworkRef net = quality.getNetwork();
    String network = net.getKind().equals("classifier") ? "evaluation classifier " + net.getArtifactId()
        : "TorchScript file " + net.getFileName() + " (SHA-256 " + net.getFileSha256() + ")";
    page.append("<h3>FID and Inception Score</h3>\n<p>Feature network: ").append(Html.escape(network)).append(", ")
        .append(net.getFeatureDim()).append(" features. ").append(quality.getNumSamples())
        .append(" images per set from the generator samples of iteration ").append(quality.getIteration())
        .append(" (seed ").append(Long.toUnsignedString(quality.getSeed())).append("; the pooled set takes image i from ")
        .append("sample i mod J), against ").append(quality.getNumReference()).append(" real test images; IS over ")
        .append(quality.getSplits()).append(" splits, mean \u00b1 std.</p>\n")
        .append("<table class=\"image-quality\">\n<thead><tr><th>images</th><th>count</th><th>FID</th>")
        .append("<th>Inception Score</th></tr></thead>\n<tbody>\n");
    List<ImageScores> sets = new ArrayList<>(quality.getPerSampleList());
    sets.add(quality.getPooled());
    sets.add(quality.getReal());
    for (ImageScores scores : sets) {
      page.append("<tr>").append(cell(scores.getName())).append(numberCell(Integer.toString(scores.getNumImages())))
          .append(numberCell(scores.hasFid() ? String.format(Locale.ROOT, "%.4f", scores.getFid()) : "n/a"))
          .append(numberCell(scores.hasInceptionScore() ? String.format(Locale.ROOT, "%.4f \u00b1 %.4f",
              scores.getInceptionScore(), scores.getInceptionScoreStd()) : "n/a"))
          .append("</tr>\n");
    }
    page.append("</tbody>\n</table>\n");
  }

  /** AC-GAN's section: how often the classifier sees the class each generator sample was asked for, per class. */
  private static void appendClassAccuracy(StringBuilder page, ClassAccuracy accuracy) {
    FeatureNetworkRef net = accuracy.getNetwork();
    String network = net.getKind().equals("classifier") ? "evaluation classifier " + net.getArtifactId()
        : "TorchScript file " + net.getFileName() + " (SHA-256 " + net.getFileSha256() + ")";
    page.append("<h3>AC-GAN: class accuracy of generated images</h3>\n<p>").append(accuracy.getNumSamples())
        .append(" images per generator sample of iteration ").append(accuracy.getIteration())
        .append(", image i conditioned on class i mod K (seed ").append(Long.toUnsignedString(accuracy.getSeed()))
        .append("); the share that the ").append(Html.escape(network))
        .append(" labels as the class asked for, overall and per class. The sample grids above are class-conditional:")
        .append(" row c holds images of class c.</p>\n<table class=\"class-accuracy\">\n<thead><tr><th>images</th>")
        .append("<th>accuracy</th>");
    int classes = accuracy.getPooled().getPerClassCount();
    for (int c = 0; c < classes; c++) {
      page.append("<th>class ").append(c).append("</th>");
    }
    page.append("</tr></thead>\n<tbody>\n");
    List<ClassAccuracyScores> rows = new ArrayList<>(accuracy.getPerSampleList());
    rows.add(accuracy.getPooled());
    for (ClassAccuracyScores scores : rows) {
      page.append("<tr>").append(cell(scores.getName())).append(numberCell(percent(scores.getAccuracy())));
      for (double perClass : scores.getPerClassList()) {
        page.append(numberCell(percent(perClass)));
      }
      page.append("</tr>\n");
    }
    page.append("</tbody>\n</table>\n");
  }

  private static void appendChart(StringBuilder page, CurveChart chart, String alt) {
    int points = chart.curves().stream().mapToInt(c -> c.x().length).max().orElse(0);
    if (points < 2) {
      page.append("<p class=\"note\">").append(Html.escape(alt)).append(": ").append(points)
          .append(points == 1 ? " point was" : " points were")
          .append(" logged, too few to draw a curve (the training log has an entry every n_save iterations).</p>\n");
      return;
    }
    page.append("<img class=\"chart\" width=\"").append(CurveChart.WIDTH).append("\" height=\"")
        .append(CurveChart.HEIGHT).append("\" alt=\"").append(alt).append("\" src=\"")
        .append(Html.pngDataUri(chart.toPng())).append("\"/>\n");
  }

  private static void appendSources(StringBuilder page, List<SourceFile> sources) {
    if (sources.isEmpty()) {
      page.append("<p>No raw source files are recorded in this lineage.</p>\n");
      return;
    }
    page.append("<table class=\"sources\">\n<thead><tr><th>raw source</th><th>SHA-256</th><th>bytes</th>")
        .append("<th>origin</th></tr></thead>\n<tbody>\n");
    for (SourceFile source : sources) {
      page.append("<tr>").append(cell(source.getName())).append("<td><code>").append(Html.escape(source.getSha256()))
          .append("</code></td>").append(numberCell(Long.toUnsignedString(source.getSizeBytes())))
          .append(cell(source.getOrigin())).append("</tr>\n");
    }
    page.append("</tbody>\n</table>\n");
  }

  /** Width and height from a PNG's IHDR chunk, or null if the bytes are not a PNG. */
  static int[] pngSize(byte[] png) {
    if (png.length < 24 || png[12] != 'I' || png[13] != 'H' || png[14] != 'D' || png[15] != 'R') {
      return null;
    }
    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(png);
    return new int[] {b.getInt(16), b.getInt(20)};
  }

  /** A run's heading in words: its method and the parameters that tell runs apart. */
  static String runTitle(EvaluatedModel row) {
    if (row.evaluation().getPointCurveCount() > 0) {
      return PointCurves.runName(row);
    }
    // numz x num_mcmc are both generator samples (J weight samples, M MCMC samples each); the
    // discriminators are num_disc chains (ALGORITHMS.md), which the model's summary counts.
    int discriminators = row.model().manifest().getModel().getNumDiscriminatorSamples();
    return row.modelParam("numz") + " \u00d7 " + row.modelParam("num_mcmc") + " generator samples (J \u00d7 M), "
        + discriminators + (discriminators == 1 ? " discriminator, " : " discriminators, ")
        + row.modelParam("N") + " labels, " + row.modelParam("train_iter") + " iterations, " + row.sampler()
        + ", seed " + row.modelParam("random_seed");
  }

  static String lineageAnchor(EvaluatedModel row) {
    return "lineage-" + Html.escape(row.metrics().id());
  }

  private static String cell(String text) {
    return "<td>" + Html.escape(text) + "</td>";
  }

  private static String numberCell(String text) {
    return "<td class=\"number\">" + Html.escape(text) + "</td>";
  }

  /** Accuracies are fractions in [0, 1]; the paper's tables show percent with two decimals. */
  private static String percent(double fraction) {
    return String.format(Locale.ROOT, "%.2f%%", 100 * fraction);
  }
}
