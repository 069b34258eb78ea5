package dev.bgan.prepare.npy;

import dev.bgan.common.BadInputException;
import dev.bgan.dataset.NpyArray;
import dev.bgan.prepare.DatasetSummaryBuilder;
import dev.bgan.prepare.LoadedImageDataset;
import dev.bgan.prepare.SplitRecordReader;
import dev.bgan.proto.DatasetSummary;
import java.nio.file.Path;
import java.util.List;

/**
 * A custom dataset from four .npy files, read and validated completely: images (n, h, w, c) or
 * (n, h, w) of any numeric dtype, labels of shape (n,) or (n, 1) holding whole numbers from 0 (the
 * classes are 0 to the largest label, named "0", "1", ...). Pixels are scaled to uint8 by one
 * {@link PixelScaling} for both splits, recorded in the summary.
 */
public final class NpyDataset extends LoadedImageDataset {
  public static final String DEFAULT_NAME = "npy";
  /** A dataset name becomes the stage name {@code prepare/<name>}. */
  public static final String NAME_PATTERN = "[a-z0-9][a-z0-9_-]{0,63}";
  /** Labels are stored as bytes in the summary's histograms and the models' outputs stay small. */
  public static final int MAX_CLASSES = 256;

  private final NpyFiles files;
  private final PixelScaling scaling;

  private NpyDataset(NpyFiles files, DatasetSummary summary, PixelScaling scaling) {
    super(files.sourceFiles(), summary);
    this.files = files;
    this.scaling = scaling;
  }

  public static NpyDataset load(NpyFiles files, String name) {
    if (!name.matches(NAME_PATTERN)) {
      throw BadInputException.inParameter("name", name, "must match " + NAME_PATTERN);
    }
    NpyArray trainX = NpyArray.read(files.trainX());
    NpyArray testX = NpyArray.read(files.testX());
    NpyImages train = NpyImages.shapeOf(trainX);
    NpyImages test = NpyImages.shapeOf(testX);
    if (train.height() != test.height() || train.width() != test.width() || train.channels() != test.channels()) {
      throw BadInputException.inFile(files.testX(), "test images are " + test.shapeText() + ", the train images of "
          + files.trainX() + " are " + train.shapeText());
    }
    long[] trainY = labels(files.trainY(), train.count(), files.trainX());
    long[] testY = labels(files.testY(), test.count(), files.testX());
    long maxLabel = Math.max(max(trainY), max(testY));
    if (maxLabel >= MAX_CLASSES) {
      throw BadInputException.inFile(maxLabel == max(trainY) ? files.trainY() : files.testY(), "label " + maxLabel
          + " is beyond the " + MAX_CLASSES + " classes a dataset may have");
    }
    PixelScaling scaling = PixelScaling.choose(List.of(trainX, testX));
    DatasetSummaryBuilder summary = new DatasetSummaryBuilder(name, train.height(), train.width(), train.channels(),
        (int) maxLabel + 1);
    summary.addSplit("train", List.of(scaling.apply(trainX)), List.of(bytes(trainY)));
    summary.addSplit("test", List.of(scaling.apply(testX)), List.of(bytes(testY)));
    return new NpyDataset(files, summary.build().toBuilder().setPixelScaling(scaling.description()).build(), scaling);
  }

  /** The labels file of the split. */
  @Override
  public String labelsOrigin(String split) {
    return (split.equals("train") ? files.trainY() : files.testY()).toString();
  }

  public PixelScaling scaling() {
    return scaling;
  }

  @Override
  public SplitRecordReader reader(String split) {
    return switch (split) {
      case "train" -> new NpySplitReader(files.trainX().toString(), files.trainY().toString(), scaling);
      case "test" -> new NpySplitReader(files.testX().toString(), files.testY().toString(), scaling);
      default -> throw new IllegalArgumentException("an npy dataset has no split " + split + " (train, test)");
    };
  }

  /** Whole numbers from 0, one per image of {@code imagesFile}. */
  private static long[] labels(Path file, int count, Path imagesFile) {
    NpyArray array = NpyArray.read(file);
    int[] shape = array.shape();
    if (!(shape.length == 1 || shape.length == 2 && shape[1] == 1)) {
      throw BadInputException.inFile(file, "labels must be shaped (n,) or (n, 1), got " + array.describe());
    }
    if (shape[0] != count) {
      throw BadInputException.inFile(file, shape[0] + " labels for the " + count + " images of " + imagesFile);
    }
    long[] labels = array.toLongs();
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0) {
        throw BadInputException.inFile(file, "label " + labels[i] + " at index " + i + " is negative; classes are"
            + " numbered from 0");
      }
    }
    return labels;
  }

  private static long max(long[] values) {
    long max = 0;
    for (long v : values) {
      max = Math.max(max, v);
    }
    return max;
  }

  private static byte[] bytes(long[] labels) {
    byte[] out = new byte[labels.length];
    for (int i = 0; i < labels.length; i++) {
      out[i] = (byte) labels[i];
    }
    return out;
  }
}
