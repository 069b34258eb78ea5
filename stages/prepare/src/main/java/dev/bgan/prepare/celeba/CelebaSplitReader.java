package dev.bgan.prepare.celeba;

import dev.bgan.dataset.ImageRecord;
import dev.bgan.prepare.SplitRecordReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a range of a CelebA split from the crop files of its chunks: image i of the split is crop
 * {@code i - keptStart[k]} of chunk k, where {@code keptStart[k] <= i < keptStart[k + 1]}. Paths
 * are strings to stay serializable.
 */
record CelebaSplitReader(int side, List<String> cropFiles, long[] keptStart, byte[] labels)
    implements SplitRecordReader {
  CelebaSplitReader {
    cropFiles = List.copyOf(cropFiles);
  }

  @Override
  public List<ImageRecord> read(long start, long end) {
    int bytes = side * side * FaceCropper.CHANNELS;
    List<ImageRecord> records = new ArrayList<>(Math.toIntExact(end - start));
    for (long index = start; index < end; ) {
      int found = Arrays.binarySearch(keptStart, index);
      // The chunk whose range holds index: the last start <= index (chunks without crops share a start).
      int chunk = found >= 0 ? found : -found - 2;
      while (chunk + 1 < keptStart.length && keptStart[chunk + 1] <= index) {
        chunk++;
      }
      long last = Math.min(end, keptStart[chunk + 1]);
      try (FileChannel in = FileChannel.open(Path.of(cropFiles.get(chunk)), StandardOpenOption.READ)) {
        for (; index < last; index++) {
          ByteBuffer pixels = ByteBuffer.allocate(bytes);
          long offset = (index - keptStart[chunk]) * bytes;
          while (pixels.hasRemaining()) {
            if (in.read(pixels, offset + pixels.position()) < 0) {
              throw new IOException(cropFiles.get(chunk) + " ends before crop " + (index - keptStart[chunk]));
            }
          }
          records.add(new ImageRecord(index, side, side, FaceCropper.CHANNELS, labels[(int) index] & 0xff,
              pixels.array()));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return records;
  }
}
