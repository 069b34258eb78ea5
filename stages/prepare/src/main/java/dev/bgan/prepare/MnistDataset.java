package dev.bgan.prepare;

import dev.bgan.common.BadInputException;
import dev.bgan.dataset.ImageRecord;
import dev.bgan.proto.DatasetSummary;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * MNIST, or Fashion-MNIST (the same IDX layout, names and sizes), parsed and validated: a "train"
 * and a "test" split of 28x28x1 uint8 images labeled 0..9, as the files hold them (60000 and 10000
 * images for the official files).
 */
public final class MnistDataset extends LoadedImageDataset {
  public static final String NAME = "mnist";
  public static final int SIDE = 28;
  public static final int NUM_CLASSES = 10;
  public static final String FASHION_NAME = "fashion-mnist";
  /** Zalando's names for the labels 0..9. */
  public static final List<String> FASHION_CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress",
      "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

  private final MnistFiles files;
  private final Map<MnistSplit, IdxFile.Images> images;
  private final Map<MnistSplit, byte[]> labels;

  private MnistDataset(MnistFiles files, Map<MnistSplit, IdxFile.Images> images, Map<MnistSplit, byte[]> labels,
      String name, List<String> classNames) {
    super(files.sourceFiles(), summarize(images, labels, name, classNames));
    this.files = files;
    this.images = images;
    this.labels = labels;
  }

  /** MNIST: reads every file completely; any defect is a one-line error naming the file. */
  public static MnistDataset load(MnistFiles files) {
    return load(files, NAME, DatasetSummaryBuilder.numberedClasses(NUM_CLASSES));
  }

  /** Fashion-MNIST, read as {@link #load(MnistFiles)} reads MNIST. */
  public static MnistDataset loadFashion(MnistFiles files) {
    return load(files, FASHION_NAME, FASHION_CLASS_NAMES);
  }

  private static MnistDataset load(MnistFiles files, String name, List<String> classNames) {
    Map<MnistSplit, IdxFile.Images> images = new EnumMap<>(MnistSplit.class);
    Map<MnistSplit, byte[]> labels = new EnumMap<>(MnistSplit.class);
    for (MnistSplit split : MnistSplit.values()) {
      IdxFile.Images splitImages = IdxFile.readImages(files.images(split));
      if (splitImages.rows() != SIDE || splitImages.cols() != SIDE) {
        throw BadInputException.inFile(files.images(split), "images are " + splitImages.rows() + "x"
            + splitImages.cols() + ", " + name + " images are " + SIDE + "x" + SIDE);
      }
      images.put(split, splitImages);
      labels.put(split, IdxFile.readLabels(files.labels(split), NUM_CLASSES));
    }
    return new MnistDataset(files, images, labels, name, classNames);
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

  private static DatasetSummary summarize(Map<MnistSplit, IdxFile.Images> images, Map<MnistSplit, byte[]> labels,
      String name, List<String> classNames) {
    DatasetSummaryBuilder summary = new DatasetSummaryBuilder(name, SIDE, SIDE, 1, classNames);
    for (MnistSplit split : MnistSplit.values()) {
      summary.addSplit(split.splitName(), List.of(images.get(split).pixels()), List.of(labels.get(split)));
    }
    return summary.build();
  }
}
