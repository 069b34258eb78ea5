package dev.bgan.report;

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
 * The report as one HTML page: the accuracy table, then per metrics artifact its training curves,
 * sample grids and lineage. Everything is inline (CSS, images as data URIs) so the file can be
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
      "pre { background: #f6f6f6; padding: 0.8em; overflow-x: auto; }");

  private ReportPage() {}

  static String render(String title, List<EvaluatedModel> rows) {
    StringBuilder page = new StringBuilder();
    page.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
        .append("<title>").append(Html.escape(title)).append("</title>\n")
        .append("<style>\n").append(STYLE).append("\n</style>\n</head>\n<body>\n")
        .append("<h1>").append(Html.escape(title)).append("</h1>\n");
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

  private static void appendAccuracyTable(StringBuilder page, List<EvaluatedModel> rows) {
    page.append("<h2>Test accuracy</h2>\n<table id=\"accuracy\">\n<thead><tr>")
        .append("<th>metrics</th><th>numz \u00d7 num_mcmc</th><th>labels N</th><th>iterations</th><th>sampler</th><th>seed</th>")
        .append("<th>semi-supervised (Bayesian model average)</th><th>ORIG, excluding predicted fake</th>")
        .append("<th>supervised baseline</th><th>discriminator samples averaged</th>")
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
          .append(numberCell(m.hasSemiSupervisedAccuracyExcludingFake()
              ? percent(m.getSemiSupervisedAccuracyExcludingFake()) : "n/a"))
          .append(numberCell(row.hasSupervisedBaseline() ? percent(m.getSupervisedAccuracy()) : "n/a"))
          .append(numberCell(Integer.toString(m.getNumDiscriminatorSamples())))
          .append("</tr>\n");
    }
    page.append("</tbody>\n</table>\n");
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
        .append("<h2>metrics[").append(index).append("]: ").append(metricsId).append("</h2>\n");
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
    for (EvaluatedModel.SampleGrid grid : row.grids()) {
      appendFigure(page, "grid", grid);
    }
    if (m.hasImageQuality()) {
      appendImageQuality(page, m.getImageQuality());
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

  private static void appendFigure(StringBuilder page, String cssClass, EvaluatedModel.SampleGrid grid) {
    String path = Html.escape(grid.path());
    page.append("<figure><img class=\"").append(cssClass).append("\" alt=\"").append(path).append("\" src=\"")
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

  private static void appendChart(StringBuilder page, CurveChart chart, String alt) {
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
