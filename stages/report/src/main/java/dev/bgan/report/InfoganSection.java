package dev.bgan.report;

import dev.bgan.proto.InfoganCodes;
import dev.bgan.proto.TrainingLogEntry;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The report's InfoGAN section of one run: per saved iteration, the mutual-information lower bounds
 * H(c) - L_I from the training log and the clustering accuracy of Q's categorical code on the test
 * split; the code -> label mapping at the last iteration; the traversal grids.
 */
final class InfoganSection {
  private InfoganSection() {}

  static void append(StringBuilder page, EvaluatedModel row) {
    InfoganCodes codes = row.evaluation().getInfogan();
    page.append("<h3>InfoGAN codes</h3>\n");
    if (codes.getClusteringAccuracyCount() > 0) {
      page.append("<p>Clustering accuracy of Q's categorical code on the ").append(row.evaluation().getTestCount())
          .append(" test images at the last saved iteration (best one-to-one code \u2192 label mapping, Hungarian")
          .append(" algorithm; mean over ").append(codes.getNumChains()).append(" discriminator chain(s)): <b>")
          .append(String.format(Locale.ROOT, "%.2f%%", 100 * codes.getFinalClusteringAccuracy()))
          .append("</b>. Code \u2192 label (chain 0): ").append(mapping(codes)).append(".</p>\n");
    }
    // Unit Gaussians (info_fixed_std) cap the continuous bound at 2 ln 2 - ln(2 pi), Q's means exact.
    String continuous = row.modelParam("info_fixed_std").equals("true")
        ? "continuous: Q's Gaussians have standard deviation 1 (info_fixed_std), so the bound is at most 2 ln 2 - ln(2 pi) = "
            + String.format(Locale.ROOT, "%.3f", 2 * Math.log(2) - Math.log(2 * Math.PI))
        : "continuous: H = 2 ln 2 for two U(-1, 1) codes, and the bound of a differential entropy can exceed it";
    page.append("<p>Mutual-information lower bounds H(c) - L_I, nats, on the generators' fakes during training")
        .append(" (categorical: at most ln 10 = ").append(String.format(Locale.ROOT, "%.3f", Math.log(10)))
        .append("; ").append(continuous).append(").</p>\n<table>\n<tr><th>iteration</th><th>MI bound, categorical</th>")
        .append("<th>MI bound, continuous</th><th>clustering accuracy</th></tr>\n");
    Map<Integer, Double> accuracy = meanAccuracy(codes);
    for (TrainingLogEntry e : row.trainingLog().getEntriesList()) {
      Map<String, Double> measures = e.getTerms().getMeasuresMap();
      page.append("<tr><td class=\"number\">").append(e.getIteration()).append("</td>")
          .append(number(measures.get("mi_categorical"), "%.4f"))
          .append(number(measures.get("mi_continuous"), "%.4f"))
          .append(number(accuracy.containsKey(e.getIteration()) ? 100 * accuracy.get(e.getIteration()) : null,
              "%.2f%%"))
          .append("</tr>\n");
    }
    page.append("</table>\n");
    if (codes.getTraversalGridsCount() > 0) {
      page.append("<p>Traversals: row k = categorical value k, columns = one continuous code from -2 to 2 (the")
          .append(" other 0), one z per grid; one grid per generator sample and continuous code.</p>\n");
      for (String path : codes.getTraversalGridsList()) {
        ReportPage.appendFigure(page, "grid", EvaluatedModel.SampleGrid.read(row.metrics(), path));
      }
    }
  }

  /** Mean clustering accuracy over chains, by iteration. */
  private static Map<Integer, Double> meanAccuracy(InfoganCodes codes) {
    Map<Integer, Double> mean = new TreeMap<>();
    int chains = Math.max(1, codes.getNumChains());
    for (int i = 0; i < codes.getClusteringAccuracyCount(); i++) {
      mean.merge(codes.getIterations(i / chains), codes.getClusteringAccuracy(i) / chains, Double::sum);
    }
    return mean;
  }

  private static String mapping(InfoganCodes codes) {
    StringBuilder text = new StringBuilder();
    for (int k = 0; k < codes.getLabelOfCodeCount(); k++) {
      text.append(k == 0 ? "" : ", ").append(k).append("\u2192").append(codes.getLabelOfCode(k));
    }
    return text.toString();
  }

  private static String number(Double value, String format) {
    return "<td class=\"number\">" + (value == null ? "" : String.format(Locale.ROOT, format, value)) + "</td>";
  }
}
