package dev.bgan.prepare.npy;

import dev.bgan.dataset.ImageRecord;
import dev.bgan.dataset.NpyArray;
import dev.bgan.prepare.SplitRecordReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a range of a split from its two .npy files, scaling as the whole dataset was scaled when it
 * was loaded; paths are strings to stay serializable.
 */
record NpySplitReader(String imagesFile, String labelsFile, PixelScaling scaling) implements SplitRecordReader {
  private static final long serialVersionUID = 1L;

  @Override
  public List<ImageRecord> read(long start, long end) {
    NpyArray images = NpyArray.read(Path.of(imagesFile));
    NpyImages shape = NpyImages.shapeOf(images);
    byte[] pixels = scaling.apply(images);
    long[] labels = NpyArray.read(Path.of(labelsFile)).toLongs();
    int imageBytes = shape.imageBytes();
    List<ImageRecord> records = new ArrayList<>();
    for (int i = Math.toIntExact(start); i < end; i++) {
      byte[] image = new byte[imageBytes];
      System.arraycopy(pixels, i * imageBytes, image, 0, imageBytes);
      records.add(new ImageRecord(i, shape.height(), shape.width(), shape.channels(), (int) labels[i], image));
    }
    return records;
  }
}
