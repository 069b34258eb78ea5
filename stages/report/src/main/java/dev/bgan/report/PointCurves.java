package dev.bgan.report;

import dev.bgan.proto.PointCurveEntry;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** The synthetic experiment's charts: JS divergence and number of modes against iteration, a curve per run. */
final class PointCurves {
  private PointCurves() {}

  static CurveChart jsDivergence(List<EvaluatedModel> rows) {
    return new CurveChart("JS divergence to the real points", "JS divergence",
        rows.stream().map(r -> curve(r, PointCurveEntry::getJsDivergence)).toList());
  }

  static CurveChart modes(List<EvaluatedModel> rows) {
    return new CurveChart("Modes of the generated points", "modes (least-AIC mixture)",
        rows.stream().map(r -> curve(r, PointCurveEntry::getModes)).toList());
  }

  /** What tells the runs apart: Bayesian (numz x num_mcmc samples) or ML, and the seed. */
  static String runName(EvaluatedModel row) {
    boolean ml = Boolean.parseBoolean(row.modelParam("ml"));
    return (ml ? "ML GAN" : "Bayesian GAN, numz " + row.modelParam("numz") + " \u00d7 " + row.modelParam("num_mcmc"))
        + ", seed " + row.modelParam("random_seed");
  }

  private static CurveChart.Curve curve(EvaluatedModel row, ToDoubleFunction<PointCurveEntry> value) {
    List<PointCurveEntry> entries = row.evaluation().getPointCurveList();
    double[] x = entries.stream().mapToDouble(PointCurveEntry::getIteration).toArray();
    double[] y = entries.stream().mapToDouble(value).toArray();
    return new CurveChart.Curve(runName(row) + " (" + row.metrics().id() + ")", x, y);
  }
}
