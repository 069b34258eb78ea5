package dev.bgan.evaluate;

import dev.bgan.common.BadInputException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** What the evaluate stage computes on an image model, named as in {@code --metrics accuracy,fid}. */
public enum Metric {
  /**
   * Semi-supervised test accuracy by model averaging (semi-supervised models only); for InfoGAN
   * models, the clustering accuracy of Q's categorical code.
   */
  ACCURACY,
  /** One sample grid per generator sample; for InfoGAN models also the traversal grids of its codes. */
  GRID,
  /** FID of each generator sample's images and of the pooled posterior's, against real test images. */
  FID,
  /** Inception Score of the same image sets. */
  IS,
  /** Latent interpolation grids, one per generator sample. */
  INTERP,
  /**
   * Class-conditional models (AC-GAN): the fraction of generated images that the evaluation
   * classifier labels as the class they were conditioned on ({@link ClassConditionalEvaluation}).
   */
  CLASS_ACCURACY,
  /**
   * Class histogram and mode count of the generated images under the evaluation classifier (last,
   * so that the canonical spelling of the earlier choices, and their cache keys, stay as they were).
   */
  CLASSES;

  /** The default: what evaluate computed before metrics could be chosen. */
  public static final String DEFAULTS = "accuracy,grid";

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The metrics of a comma-separated list; unknown names and an empty list are the user's error. */
  public static Set<Metric> parse(String list) {
    EnumSet<Metric> metrics = EnumSet.noneOf(Metric.class);
    for (String name : list.split(",")) {
      String id = name.strip().toLowerCase(Locale.ROOT);
      if (id.isEmpty()) {
        continue;
      }
      metrics.add(Arrays.stream(values()).filter(m -> m.id().equals(id)).findFirst()
          .orElseThrow(() -> BadInputException.inParameter("metrics", list, "unknown metric '" + id + "' (known: "
              + Arrays.stream(values()).map(Metric::id).collect(Collectors.joining(", ")) + ")")));
    }
    if (metrics.isEmpty()) {
      throw BadInputException.inParameter("metrics", list, "names no metric");
    }
    return metrics;
  }

  /** The one spelling of a set of metrics (declaration order), so that equal choices share a cache key. */
  public static String canonical(Set<Metric> metrics) {
    return metrics.stream().sorted().map(Metric::id).collect(Collectors.joining(","));
  }
}
