package dev.bgan.report;

import dev.bgan.proto.TrainingLog;
import dev.bgan.proto.TrainingLogEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** The charts drawn from a model's training log: the two losses, and the accuracies of the GAN and of its supervised baseline. */
final class TrainingCurves {
  private TrainingCurves() {}

  static CurveChart losses(TrainingLog log) {
    return new CurveChart("Losses", "loss", List.of(
        curve("discriminator loss", log, TrainingLogEntry::getDLoss),
        curve("generator loss", log, TrainingLogEntry::getGLoss)));
  }

  /** In percent, like the accuracy table. */
  static CurveChart accuracies(TrainingLog log, boolean withSupervisedBaseline) {
    List<CurveChart.Curve> curves = new ArrayList<>();
    curves.add(curve("GAN train", log, e -> 100 * e.getTrainAccuracy()));
    curves.add(curve("GAN test", log, e -> 100 * e.getTestAccuracy()));
    if (withSupervisedBaseline) {
      curves.add(curve("supervised train", log, e -> 100 * e.getSupervisedTrainAccuracy()));
      curves.add(curve("supervised test", log, e -> 100 * e.getSupervisedTestAccuracy()));
    }
    return new CurveChart("Accuracy", "accuracy (%)", curves);
  }

  private static CurveChart.Curve curve(String name, TrainingLog log, ToDoubleFunction<TrainingLogEntry> value) {
    double[] x = log.getEntriesList().stream().mapToDouble(TrainingLogEntry::getIteration).toArray();
    double[] y = log.getEntriesList().stream().mapToDouble(value).toArray();
    return new CurveChart.Curve(name, x, y);
  }
}
