package dev.bgan.prepare;

/** The two splits of MNIST and the files that hold each. */
public enum MnistSplit {
  TRAIN("train", MnistFiles.TRAIN_IMAGES, MnistFiles.TRAIN_LABELS),
  TEST("test", MnistFiles.TEST_IMAGES, MnistFiles.TEST_LABELS);

  private final String splitName;
  private final String imagesName;
  private final String labelsName;

  MnistSplit(String splitName, String imagesName, String labelsName) {
    this.splitName = splitName;
    this.imagesName = imagesName;
    this.labelsName = labelsName;
  }

  /** The split's name in dataset artifacts: "train" or "test". */
  public String splitName() {
    return splitName;
  }

  public String imagesName() {
    return imagesName;
  }

  public String labelsName() {
    return labelsName;
  }

  public static MnistSplit named(String splitName) {
    for (MnistSplit split : values()) {
      if (split.splitName.equals(splitName)) {
        return split;
      }
    }
    throw new IllegalArgumentException("MNIST has no split " + splitName + " (train, test)");
  }
}
