package dev.bgan.prepare;

import dev.bgan.dataset.ImageRecord;
import java.util.List;

/** A {@link RecordRangeReader} of image records. */
@FunctionalInterface
public interface SplitRecordReader extends RecordRangeReader {
  /** Records {@code start .. end - 1}, in index order. */
  @Override
  List<ImageRecord> read(long start, long end);
}
