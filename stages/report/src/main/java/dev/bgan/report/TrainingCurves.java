package dev.bgan.report;

import dev.bgan.proto.TrainingLog;
import dev.bgan.proto.TrainingLogEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/** The charts drawn from a model's training log: the two losses, and the accuracies of the GAN and of its supervised baseline. */
final class TrainingCurves {
  private TrainingCurves() {}

  /** The discriminator's and the generator's losses, and each named term a conditional objective logs (AC-GAN's class losses). */
  static CurveChart losses(TrainingLog log) {
    List<CurveChart.Curve> curves = new ArrayList<>(List.of(
        curve("discriminator loss", log, TrainingLogEntry::getDLoss),
        curve("generator loss", log, TrainingLogEntry::getGLoss)));
    Set<String> discriminatorTerms = new TreeSet<>();
    Set<String> generatorTerms = new TreeSet<>();
    for (TrainingLogEntry entry : log.getEntriesList()) {
      discriminatorTerms.addAll(entry.getTerms().getDiscriminatorMap().keySet());
      generatorTerms.addAll(entry.getTerms().getGeneratorMap().keySet());
    }
    for (String name : discriminatorTerms) {
      curves.add(curve("discriminator " + name, log, e -> e.getTerms().getDiscriminatorOrDefault(name, 0)));
    }
    for (String name : generatorTerms) {
      curves.add(curve("generator " + name, log, e -> e.getTerms().getGeneratorOrDefault(name, 0)));
    }
    return new CurveChart("Losses", "loss", curves);
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
