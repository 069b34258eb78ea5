package dev.bgan.prepare.cifar;

import dev.bgan.common.BadInputException;
import dev.bgan.common.FileStat;
import dev.bgan.dataset.ImageRecord;
import java.lang.ref.SoftReference;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One CIFAR-10 batch file, read and validated: a dict whose 'data' is an (N, 3072) uint8 array,
 * each row an image as three planes (1024 red, then 1024 green, then 1024 blue bytes, each 32x32
 * row-major), and whose 'labels' are N ints in 0..9.
 */
final class Cifar10Batch {
  static final int PLANE_BYTES = Cifar10Dataset.SIDE * Cifar10Dataset.SIDE;
  static final int ROW_BYTES = Cifar10Dataset.CHANNELS * PLANE_BYTES;

  /**
   * The batches parsed in this JVM, by absolute path, with the state of the file they were parsed
   * from: loading parses every batch, and the shard writers of a local run (Direct, embedded
   * Flink) take them from here instead of parsing each again; workers elsewhere parse their own.
   * Softly held: the collector may take them back, and they are parsed again.
   */
  private static final Map<Path, SoftReference<Parsed>> PARSED = new ConcurrentHashMap<>();

  private record Parsed(FileStat state, Cifar10Batch batch) {}

  /** Forgets every batch parsed so far. */
  static void forgetParsed() {
    PARSED.clear();
  }

  private final byte[] rows;
  /** Each in 0..9. */
  private final byte[] labels;

  private Cifar10Batch(byte[] rows, byte[] labels) {
    this.rows = rows;
    this.labels = labels;
  }

  /**
   * The batch in {@code file}, as parsed in this JVM while the file had the state it has now
   * (same inode, size and times), or else parsed now.
   */
  static Cifar10Batch read(Path file) {
    Path key = file.toAbsolutePath().normalize();
    Optional<FileStat> before = FileStat.of(key);
    SoftReference<Parsed> reference = PARSED.get(key);
    Parsed parsed = reference == null ? null : reference.get();
    if (parsed != null && before.isPresent() && parsed.state().equals(before.get())) {
      return parsed.batch();
    }
    Cifar10Batch batch = parse(file);
    if (before.isPresent() && before.equals(FileStat.of(key))) {
      PARSED.put(key, new SoftReference<>(new Parsed(before.get(), batch)));
    }
    return batch;
  }

  private static Cifar10Batch parse(Path file) {
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
