package dev.bgan.prepare.cifar;

import java.util.List;

/** The two splits of CIFAR-10 and the batch files that hold each, in order. */
public enum Cifar10Split {
  TRAIN("train", List.of("data_batch_1", "data_batch_2", "data_batch_3", "data_batch_4", "data_batch_5")),
  TEST("test", List.of("test_batch"));

  private final String splitName;
  private final List<String> batchNames;

  Cifar10Split(String splitName, List<String> batchNames) {
    this.splitName = splitName;
    this.batchNames = batchNames;
  }

  /** The split's name in dataset artifacts: "train" or "test". */
  public String splitName() {
    return splitName;
  }

  public List<String> batchNames() {
    return batchNames;
  }
}
