package dev.bgan.prepare;

import dev.bgan.common.BadInputException;
import dev.bgan.dataset.ImageRecord;
import dev.bgan.proto.DatasetSummary;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * MNIST parsed and validated: a "train" and a "test" split of 28x28x1 uint8 images labeled 0..9,
 * as the files hold them (60000 and 10000 images for the official files).
 */
public final class MnistDataset extends LoadedImageDataset {
  public static final String NAME = "mnist";
  public static final int SIDE = 28;
  public static final int NUM_CLASSES = 10;

  private final MnistFiles files;
  private final Map<MnistSplit, IdxFile.Images> images;
  private final Map<MnistSplit, byte[]> labels;

  private MnistDataset(MnistFiles files, Map<MnistSplit, IdxFile.Images> images, Map<MnistSplit, byte[]> labels) {
    super(files.sourceFiles(), summarize(images, labels));
    this.files = files;
    this.images = images;
    this.labels = labels;
  }

  /** Reads every file completely; any defect is a one-line error naming the file. */
  public static MnistDataset load(MnistFiles files) {
    Map<MnistSplit, IdxFile.Images> images = new EnumMap<>(MnistSplit.class);
    Map<MnistSplit, byte[]> labels = new EnumMap<>(MnistSplit.class);
    for (MnistSplit split : MnistSplit.values()) {
      IdxFile.Images splitImages = IdxFile.readImages(files.images(split));
      if (splitImages.rows() != SIDE || splitImages.cols() != SIDE) {
        throw BadInputException.inFile(files.images(split), "images are " + splitImages.rows() + "x"
            + splitImages.cols() + ", MNIST images are " + SIDE + "x" + SIDE);
      }
      images.put(split, splitImages);
      labels.put(split, IdxFile.readLabels(files.labels(split), NUM_CLASSES));
    }
    return new MnistDataset(files, images, labels);
  }

  public MnistFiles files() {
    return files;
  }

  public int size(MnistSplit split) {
    return images.get(split).count();
  }

  public int label(MnistSplit split, int index) {
    return labels.get(split)[index] & 0xff;
  }

  /** Image {@code index} of the split as a record, pixels copied. */
  public ImageRecord record(MnistSplit split, int index) {
    int imageBytes = SIDE * SIDE;
    byte[] pixels = new byte[imageBytes];
    System.arraycopy(images.get(split).pixels(), index * imageBytes, pixels, 0, imageBytes);
    return new ImageRecord(index, SIDE, SIDE, 1, label(split, index), pixels);
  }

  @Override
  public SplitRecordReader reader(String split) {
    MnistSplit mnistSplit = MnistSplit.named(split);
    return new MnistSplitReader(files.images(mnistSplit).toString(), files.labels(mnistSplit).toString());
  }

  private static DatasetSummary summarize(Map<MnistSplit, IdxFile.Images> images, Map<MnistSplit, byte[]> labels) {
    DatasetSummaryBuilder summary = new DatasetSummaryBuilder(NAME, SIDE, SIDE, 1, NUM_CLASSES);
    for (MnistSplit split : MnistSplit.values()) {
      summary.addSplit(split.splitName(), List.of(images.get(split).pixels()), List.of(labels.get(split)));
    }
    return summary.build();
  }
}
