package dev.bgan.prepare.cifar;

import dev.bgan.common.BadInputException;
import dev.bgan.dataset.ImageRecord;
import java.nio.file.Path;

/**
 * One CIFAR-10 batch file, read and validated: a dict whose 'data' is an (N, 3072) uint8 array,
 * each row an image as three planes (1024 red, then 1024 green, then 1024 blue bytes, each 32x32
 * row-major), and whose 'labels' are N ints in 0..9.
 */
final class Cifar10Batch {
  static final int PLANE_BYTES = Cifar10Dataset.SIDE * Cifar10Dataset.SIDE;
  static final int ROW_BYTES = Cifar10Dataset.CHANNELS * PLANE_BYTES;

  private final byte[] rows;
  /** Each in 0..9. */
  private final byte[] labels;

  private Cifar10Batch(byte[] rows, byte[] labels) {
    this.rows = rows;
    this.labels = labels;
  }

  static Cifar10Batch read(Path file) {
    PickledDict dict = PickledDict.read(file);
    NumpyArray data = dict.array("data");
    int[] shape = data.shape();
    if (!data.dtype().isUint8() || shape.length != 2 || shape[1] != ROW_BYTES) {
      throw BadInputException.inFile(file, "'data' is " + data.describe() + ", expected a uint8 array of shape (N, "
          + ROW_BYTES + ")");
    }
    long[] values = dict.integers("labels");
    if (values.length != shape[0]) {
      throw BadInputException.inFile(file, "holds " + shape[0] + " images but " + values.length + " labels");
    }
    byte[] labels = new byte[values.length];
    for (int i = 0; i < labels.length; i++) {
      if (values[i] < 0 || values[i] >= Cifar10Dataset.NUM_CLASSES) {
        throw BadInputException.inFile(file, "label " + values[i] + " of image " + i + " is out of range 0.."
            + (Cifar10Dataset.NUM_CLASSES - 1));
      }
      labels[i] = (byte) values[i];
    }
    return new Cifar10Batch(data.data(), labels);
  }

  int size() {
    return labels.length;
  }

  /** The label of every image, in order; not copied. */
  byte[] labels() {
    return labels;
  }

  /** The pixel values of every image, in the file's plane order; not copied. */
  byte[] planes() {
    return rows;
  }

  /** Image {@code i} of the batch as record {@code index} of its split, pixels reordered to HWC. */
  ImageRecord record(int i, long index) {
    byte[] hwc = new byte[ROW_BYTES];
    int row = i * ROW_BYTES;
    for (int p = 0; p < PLANE_BYTES; p++) {
      for (int c = 0; c < Cifar10Dataset.CHANNELS; c++) {
        hwc[p * Cifar10Dataset.CHANNELS + c] = rows[row + c * PLANE_BYTES + p];
      }
    }
    return new ImageRecord(index, Cifar10Dataset.SIDE, Cifar10Dataset.SIDE, Cifar10Dataset.CHANNELS, labels[i], hwc);
  }
}
