package dev.bgan.train;

import dev.bgan.common.FileTrees;
import dev.bgan.dataset.ImageRecord;
import dev.bgan.dataset.ImageSplit;
import dev.bgan.prepare.npy.NpyDataset;
import dev.bgan.prepare.npy.NpyFiles;
import dev.bgan.proto.SplitSummary;
import dev.bgan.testing.DigitsNpy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * scikit-learn's 8x8 digits (1,437 train, 360 test images, 10 classes), written by numpy once per
 * JVM and read with the prepare stage's npy reader: real images small enough that a training of
 * hundreds of iterations takes seconds.
 */
public final class RealDigitsSplits {
  public static final int CLASSES = 10;
  private static final int SIDE = 8;
  private static Map<String, ImageSplit> splits;

  private RealDigitsSplits() {}

  public static ImageSplit train() {
    return load().get("train");
  }

  public static ImageSplit test() {
    return load().get("test");
  }

  private static synchronized Map<String, ImageSplit> load() {
    if (splits == null) {
      try {
        Path dir = Files.createTempDirectory("bgan-digits-");
        try {
          DigitsNpy.write(dir);
          NpyDataset digits = NpyDataset.load(NpyFiles.of(Map.of("train-x", dir.resolve("x_tr.npy").toString(),
              "train-y", dir.resolve("y_tr.npy").toString(), "test-x", dir.resolve("x_te.npy").toString(),
              "test-y", dir.resolve("y_te.npy").toString())), "digits");
          Map<String, ImageSplit> loaded = new HashMap<>();
          for (SplitSummary split : digits.summary().getSplitsList()) {
            loaded.put(split.getName(), split(split.getName(), digits.reader(split.getName()).read(0, split.getCount())));
          }
          splits = Map.copyOf(loaded);
        } finally {
          FileTrees.deleteRecursively(dir);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return splits;
  }

  private static ImageSplit split(String name, List<ImageRecord> records) {
    int[] labels = new int[records.size()];
    byte[] pixels = new byte[records.size() * SIDE * SIDE];
    for (int i = 0; i < records.size(); i++) {
      labels[i] = records.get(i).label();
      System.arraycopy(records.get(i).pixels(), 0, pixels, i * SIDE * SIDE, SIDE * SIDE);
    }
    return new ImageSplit(name, SIDE, SIDE, 1, labels, pixels);
  }
}
