package dev.bgan.prepare;

import dev.bgan.proto.DatasetSummary;
import dev.bgan.proto.SplitSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What prepare finds questionable in a dataset's labels but does not refuse, from its summary's
 * histograms: a line each, naming the file (or folder) whose labels the user would fix.
 *
 * <ul>
 *   <li>labels that occur in the test split but never in train: no model can learn them, yet they
 *       count as classes and test images of them are always misclassified;
 *   <li>a train split with one class: fine for unsupervised training, but semi-supervised training
 *       needs at least 2 and refuses it.
 * </ul>
 *
 * Neither is refused: test-only labels are common in small custom datasets (a subset of a larger
 * one), and an unlabeled dataset has one class.
 */
public final class DatasetWarnings {
  private DatasetWarnings() {}

  /** The warnings about {@code source}, in a stable order; none for a dataset of points. */
  public static List<String> of(DatasetSource source) {
    DatasetSummary summary = source.summary();
    List<String> warnings = new ArrayList<>();
    if (summary.getKind() != DatasetSummary.Kind.IMAGES) {
      return warnings;
    }
    Optional<SplitSummary> train = split(summary, "train");
    if (train.isEmpty()) {
      return warnings;
    }
    Optional<SplitSummary> test = split(summary, "test");
    if (test.isPresent()) {
      List<Integer> testOnly = new ArrayList<>();
      for (int c = 0; c < summary.getNumClasses(); c++) {
        if (count(test.get(), c) > 0 && count(train.get(), c) == 0) {
          testOnly.add(c);
        }
      }
      if (!testOnly.isEmpty()) {
        warnings.add(source.labelsOrigin("test") + ": test " + (testOnly.size() == 1 ? "label " : "labels ")
            + labels(summary, testOnly) + (testOnly.size() == 1 ? " never occurs" : " never occur")
            + " in train: no model can learn " + (testOnly.size() == 1 ? "it" : "them") + "; the dataset publishes "
            + summary.getNumClasses() + " classes");
      }
    }
    List<Integer> trainClasses = new ArrayList<>();
    for (int c = 0; c < summary.getNumClasses(); c++) {
      if (count(train.get(), c) > 0) {
        trainClasses.add(c);
      }
    }
    if (trainClasses.size() == 1 && source.labeled()) {
      warnings.add(source.labelsOrigin("train") + ": every train label is " + labels(summary, trainClasses)
          + ": one class is fine for unsupervised training, but semi-supervised training needs at least 2 and will"
          + " refuse it");
    }
    return warnings;
  }

  private static Optional<SplitSummary> split(DatasetSummary summary, String name) {
    return summary.getSplitsList().stream().filter(s -> s.getName().equals(name)).findFirst();
  }

  private static long count(SplitSummary split, int label) {
    return label < split.getClassHistogramCount() ? split.getClassHistogram(label) : 0;
  }

  /** "11, 12", or "3 (cat), 5 (dog)" where the classes have names other than their numbers. */
  private static String labels(DatasetSummary summary, List<Integer> labels) {
    List<String> out = new ArrayList<>();
    for (int label : labels) {
      String name = label < summary.getClassNamesCount() ? summary.getClassNames(label) : String.valueOf(label);
      out.add(name.equals(String.valueOf(label)) ? name : label + " (" + name + ")");
    }
    return String.join(", ", out);
  }
}
