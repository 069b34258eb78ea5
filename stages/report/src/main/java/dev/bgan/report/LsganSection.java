package dev.bgan.report;

import dev.bgan.proto.TrainingLog;
import dev.bgan.proto.TrainingLogEntry;
import dev.bgan.train.LsganCoding;
import dev.bgan.train.TrainConfigs;
import java.util.Locale;
import java.util.Map;

/**
 * The LSGAN section of a run trained with {@code objective lsgan}: its coding, where the
 * discriminator's mean values ended against their targets, and whether the samples collapsed (the
 * mode count of the class histogram, or how to get one).
 */
final class LsganSection {
  private LsganSection() {}

  static boolean applies(EvaluatedModel row) {
    return TrainConfigs.LSGAN.equals(row.modelParam("objective"));
  }

  static void appendTo(StringBuilder page, EvaluatedModel row) {
    LsganCoding coding = coding(row.model().manifest().getParamsMap());
    page.append("<h3>LSGAN</h3>\n<p>Least-squares objective (Mao et al. 2017) on the discriminator's value v(x)")
        .append("true".equals(row.modelParam("semi_supervised")) ? " (the logsumexp of its class logits)" : "")
        .append(": coding a = ").append(target(coding.a())).append(" (target for fakes), b = ")
        .append(target(coding.b())).append(" (for real images), c = ").append(target(coding.c()))
        .append(" (the generator's target)").append(name(coding)).append(".</p>\n");
    TrainingLog log = row.trainingLog();
    if (log.getEntriesCount() > 0) {
      TrainingLogEntry last = log.getEntries(log.getEntriesCount() - 1);
      page.append("<p>At iteration ").append(last.getIteration()).append(" the mean v was ").append(number(last.getDReal()))
          .append(" on real images (target ").append(target(coding.b())).append(") and ").append(number(last.getDFake()))
          .append(" on generated ones (target ").append(target(coding.a())).append("; the generator pulls them to ")
          .append(target(coding.c())).append("); discriminator loss ").append(number(last.getDLoss()))
          .append(", generator loss ").append(number(last.getGLoss())).append(".</p>\n");
    }
    if (row.evaluation().hasClassHistogram()) {
      page.append("<p>Mode collapse: ").append(ClassHistogramSection.summary(row.evaluation().getClassHistogram()))
          .append(" (table: Classes of the generated images).</p>\n");
    } else {
      page.append("<p class=\"note\">No class histogram, so nothing here says whether the samples collapsed: ")
          .append("evaluate with <code>--classifier ID --metrics accuracy,grid,classes</code>.</p>\n");
    }
  }

  /** The coding as the model's parameters record it (a value left at its default is not recorded). */
  static LsganCoding coding(Map<String, String> params) {
    return new LsganCoding(value(params, "ls_a", LsganCoding.DEFAULT.a()), value(params, "ls_b", LsganCoding.DEFAULT.b()),
        value(params, "ls_c", LsganCoding.DEFAULT.c()));
  }

  private static double value(Map<String, String> params, String key, double fallback) {
    return params.containsKey(key) ? Double.parseDouble(params.get(key)) : fallback;
  }

  private static String name(LsganCoding coding) {
    if (coding.equals(LsganCoding.DEFAULT)) {
      return ", the paper's default";
    }
    return coding.equals(new LsganCoding(0, 1, 1)) ? ", the 0-1 coding" : "";
  }

  /** A measured value. */
  private static String number(double value) {
    return String.format(Locale.ROOT, "%.4f", value);
  }

  /** A target as the user gave it: -1, 0.5. */
  private static String target(double value) {
    return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }
}
