package dev.bgan.prepare;

import dev.bgan.dataset.DatasetRecord;
import java.io.Serializable;
import java.util.List;

/**
 * Reads a contiguous range of one split's records, of any kind. Serializable, so that a pipeline
 * can ship it to the worker that writes a shard and that worker reads only its own range.
 */
@FunctionalInterface
public interface RecordRangeReader extends Serializable {
  /** Records {@code start .. end - 1}, in index order. */
  List<? extends DatasetRecord> read(long start, long end);
}
