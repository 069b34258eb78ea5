package dev.bgan.prepare;

import dev.bgan.dataset.ImageRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a range of an MNIST split straight from its IDX files; paths are strings to stay serializable. */
record MnistSplitReader(String imagesFile, String labelsFile) implements SplitRecordReader {
  @Override
  public List<ImageRecord> read(long start, long end) {
    int count = Math.toIntExact(end - start);
    IdxFile.Images images = IdxFile.readImages(Path.of(imagesFile), start, count);
    byte[] labels = IdxFile.readLabels(Path.of(labelsFile), MnistDataset.NUM_CLASSES, start, count);
    int imageBytes = images.rows() * images.cols();
    List<ImageRecord> records = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      byte[] pixels = new byte[imageBytes];
      System.arraycopy(images.pixels(), i * imageBytes, pixels, 0, imageBytes);
      records.add(new ImageRecord(start + i, images.rows(), images.cols(), 1, labels[i] & 0xff, pixels));
    }
    return records;
  }
}
