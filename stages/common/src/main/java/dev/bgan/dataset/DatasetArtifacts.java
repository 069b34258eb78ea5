package dev.bgan.dataset;

import dev.bgan.artifact.Artifact;
import dev.bgan.common.BadInputException;
import dev.bgan.proto.DatasetSummary;
import dev.bgan.proto.SplitSummary;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Reads the splits of a dataset artifact into memory, checking them against its manifest. */
public final class DatasetArtifacts {
  private DatasetArtifacts() {}

  public static DatasetSummary summary(Artifact dataset) {
    if (!dataset.manifest().hasDataset()) {
      throw new BadInputException("artifact " + dataset.id() + " has no dataset summary");
    }
    DatasetSummary summary = dataset.manifest().getDataset();
    // A manifest is sealed, but a hand-resealed one must still not send a stage out of bounds.
    if (summary.getNumClasses() < 1 || summary.getNumClasses() > 65536) {
      throw inconsistent(dataset, "num_classes is " + summary.getNumClasses());
    }
    if (summary.getClassNamesCount() != 0 && summary.getClassNamesCount() != summary.getNumClasses()) {
      throw inconsistent(dataset, summary.getClassNamesCount() + " class names for num_classes "
          + summary.getNumClasses());
    }
    for (SplitSummary split : summary.getSplitsList()) {
      if (split.getClassHistogramCount() != 0 && split.getClassHistogramCount() != summary.getNumClasses()) {
        throw inconsistent(dataset, "split " + split.getName() + " has a histogram of " + split.getClassHistogramCount()
            + " classes for num_classes " + summary.getNumClasses());
      }
    }
    return summary;
  }

  private static BadInputException inconsistent(Artifact dataset, String problem) {
    return new BadInputException("dataset " + dataset.id() + ": its manifest is inconsistent: " + problem);
  }

  /** Every label is a class of the summary, and the split's counts per class are the histogram's. */
  private static void checkLabels(Artifact dataset, DatasetSummary summary, SplitSummary split, int[] labels) {
    long[] counts = new long[summary.getNumClasses()];
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= counts.length) {
        throw inconsistent(dataset, "record " + i + " of split " + split.getName() + " has label " + labels[i]
            + ", beyond num_classes " + summary.getNumClasses());
      }
      counts[labels[i]]++;
    }
    for (int k = 0; k < split.getClassHistogramCount(); k++) {
      if (split.getClassHistogram(k) != counts[k]) {
        throw inconsistent(dataset, "split " + split.getName() + " has " + counts[k] + " records of class " + k
            + ", its histogram says " + split.getClassHistogram(k));
      }
    }
  }

  /** Whether the dataset's records are points (vectors) rather than images. */
  public static boolean isPoints(Artifact dataset) {
    return summary(dataset).getKind() == DatasetSummary.Kind.POINTS;
  }

  public static ImageSplit loadSplit(Artifact dataset, String splitName) throws IOException {
    DatasetSummary summary = summary(dataset);
    if (summary.getKind() != DatasetSummary.Kind.IMAGES) {
      throw new BadInputException("dataset " + dataset.id() + " holds " + summary.getKind() + ", not images");
    }
    SplitSummary split = split(dataset, summary, splitName);
    List<ImageRecord> records = new ArrayList<>();
    for (String shard : split.getShardFilesList()) {
      for (byte[] bytes : TfRecordFile.readAll(dataset.file(shard))) {
        records.add(ImageRecord.parse(bytes));
      }
    }
    records.sort(Comparator.comparingLong(ImageRecord::index));
    int h = (int) summary.getHeight();
    int w = (int) summary.getWidth();
    int c = (int) summary.getChannels();
    if (records.size() != split.getCount()) {
      throw new BadInputException("dataset " + dataset.id() + " split " + splitName + ": "
          + records.size() + " records, manifest says " + split.getCount());
    }
    int[] labels = new int[records.size()];
    byte[] pixels = new byte[records.size() * h * w * c];
    for (int i = 0; i < records.size(); i++) {
      ImageRecord r = records.get(i);
      if (r.index() != i || r.height() != h || r.width() != w || r.channels() != c) {
        throw new BadInputException("dataset " + dataset.id() + " split " + splitName + ": record " + r
            + " does not fit position " + i + " and shape " + h + "x" + w + "x" + c);
      }
      labels[i] = r.label();
      System.arraycopy(r.pixels(), 0, pixels, i * h * w * c, h * w * c);
    }
    checkLabels(dataset, summary, split, labels);
    return new ImageSplit(splitName, h, w, c, labels, pixels);
  }

  /** The points of a split of a dataset of kind POINTS, in index order. */
  public static PointSplit loadPoints(Artifact dataset, String splitName) throws IOException {
    DatasetSummary summary = summary(dataset);
    if (summary.getKind() != DatasetSummary.Kind.POINTS) {
      throw new BadInputException("dataset " + dataset.id() + " holds " + summary.getKind() + ", not points");
    }
    SplitSummary split = split(dataset, summary, splitName);
    int dimension = summary.getPointDimension();
    List<PointRecord> records = new ArrayList<>();
    for (String shard : split.getShardFilesList()) {
      for (byte[] bytes : TfRecordFile.readAll(dataset.file(shard))) {
        records.add(PointRecord.parse(bytes));
      }
    }
    records.sort(Comparator.comparingLong(PointRecord::index));
    if (records.size() != split.getCount()) {
      throw new BadInputException("dataset " + dataset.id() + " split " + splitName + ": "
          + records.size() + " records, manifest says " + split.getCount());
    }
    int[] labels = new int[records.size()];
    float[] values = new float[records.size() * dimension];
    for (int i = 0; i < records.size(); i++) {
      PointRecord r = records.get(i);
      float[] v = r.values();
      if (r.index() != i || v.length != dimension) {
        throw new BadInputException("dataset " + dataset.id() + " split " + splitName + ": record " + r
            + " does not fit position " + i + " and dimension " + dimension);
      }
      labels[i] = r.label();
      System.arraycopy(v, 0, values, i * dimension, dimension);
    }
    checkLabels(dataset, summary, split, labels);
    return new PointSplit(splitName, dimension, labels, values);
  }

  private static SplitSummary split(Artifact dataset, DatasetSummary summary, String splitName) {
    return summary.getSplitsList().stream()
        .filter(s -> s.getName().equals(splitName))
        .findFirst()
        .orElseThrow(() -> new BadInputException("dataset " + dataset.id() + " has no split " + splitName));
  }
}
