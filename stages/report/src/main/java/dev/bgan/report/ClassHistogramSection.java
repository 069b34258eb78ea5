package dev.bgan.report;

import dev.bgan.proto.ClassCounts;
import dev.bgan.proto.ClassHistogram;
import dev.bgan.proto.FeatureNetworkRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A run's "Classes of the generated images" (metric classes): per generator sample, pooled and for
 * real test images, the share of images the evaluation classifier puts in each class, the modes
 * and the mean confidence. Generated sets that fill every class as the real images do are not
 * collapsed; most images in a few classes are; low confidence says the images resemble no class.
 */
final class ClassHistogramSection {
  /** Shares at or above the mode share are shaded, so a collapsed row shows as one or two dark cells. */
  private static final String MODE_CELL = " style=\"background: #cfe8cf\"";

  private ClassHistogramSection() {}

  static void appendTo(StringBuilder page, ClassHistogram h) {
    FeatureNetworkRef net = h.getNetwork();
    String network = net.getKind().equals("classifier") ? "evaluation classifier " + net.getArtifactId()
        : "TorchScript file " + net.getFileName();
    int k = h.getNumClasses();
    page.append("<h3>Classes of the generated images</h3>\n<p>Each image counts for the class of the ")
        .append(Html.escape(network)).append("'s largest probability; the images are those FID and IS use (iteration ")
        .append(h.getIteration()).append(", seed ").append(Long.toUnsignedString(h.getSeed()))
        .append("). A class is a mode when it holds at least ").append(percent(h.getModeShare()))
        .append(" of a set's images (half of 1/").append(k).append("). Confidence: the mean largest probability.</p>\n")
        .append("<table class=\"class-histogram\">\n<thead><tr><th>images</th><th>count</th>");
    for (int c = 0; c < k; c++) {
      page.append("<th>").append(c).append("</th>");
    }
    page.append("<th>modes</th><th>confidence</th></tr></thead>\n<tbody>\n");
    List<ClassCounts> sets = new ArrayList<>(h.getPerSampleList());
    sets.add(h.getPooled());
    sets.add(h.getReal());
    for (ClassCounts set : sets) {
      int total = set.getCountsList().stream().mapToInt(Integer::intValue).sum();
      page.append("<tr><td>").append(Html.escape(set.getName())).append("</td><td class=\"number\">").append(total)
          .append("</td>");
      for (int c = 0; c < k; c++) {
        double share = total == 0 ? 0 : (double) set.getCounts(c) / total;
        page.append("<td class=\"number\"").append(share >= h.getModeShare() ? MODE_CELL : "").append(">")
            .append(String.format(Locale.ROOT, "%.1f", 100 * share)).append("</td>");
      }
      page.append("<td class=\"number\">").append(set.getModes()).append(" of ").append(k).append("</td>")
          .append("<td class=\"number\">").append(String.format(Locale.ROOT, "%.3f", set.getMeanConfidence()))
          .append("</td></tr>\n");
    }
    page.append("</tbody>\n</table>\n<p>").append(summary(h)).append("</p>\n");
  }

  /** The pooled set in one sentence, against the real images. */
  static String summary(ClassHistogram h) {
    ClassCounts pooled = h.getPooled();
    int total = pooled.getCountsList().stream().mapToInt(Integer::intValue).sum();
    int largest = 0;
    for (int c = 1; c < h.getNumClasses(); c++) {
      if (pooled.getCounts(c) > pooled.getCounts(largest)) {
        largest = c;
      }
    }
    return String.format(Locale.ROOT, "Pooled generated images: %d of %d classes are modes (real test images: %d); "
            + "the largest, class %d, holds %s; confidence %.3f (real: %.3f).", pooled.getModes(), h.getNumClasses(),
        h.getReal().getModes(), largest, percent(total == 0 ? 0 : (double) pooled.getCounts(largest) / total),
        pooled.getMeanConfidence(), h.getReal().getMeanConfidence());
  }

  private static String percent(double fraction) {
    return String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
  }
}
