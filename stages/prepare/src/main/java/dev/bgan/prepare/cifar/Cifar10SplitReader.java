package dev.bgan.prepare.cifar;

import dev.bgan.common.BadInputException;
import dev.bgan.dataset.ImageRecord;
import dev.bgan.prepare.SplitRecordReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a range of a CIFAR-10 split from its batch files, reading only the batches the range
 * overlaps. A pickle cannot be read in part, so a worker reads each batch it needs whole. Paths are
 * strings to stay serializable.
 */
record Cifar10SplitReader(List<String> batchFiles, List<Integer> batchSizes) implements SplitRecordReader {
  Cifar10SplitReader {
    batchFiles = List.copyOf(batchFiles);
    batchSizes = List.copyOf(batchSizes);
  }

  /** The number of records in the split. */
  long size() {
    return batchSizes.stream().mapToLong(Integer::longValue).sum();
  }

  @Override
  public List<ImageRecord> read(long start, long end) {
    List<ImageRecord> records = new ArrayList<>(Math.toIntExact(end - start));
    long first = 0;
    for (int b = 0; b < batchFiles.size() && first < end; b++) {
      long last = first + batchSizes.get(b);
      if (last > start) {
        Path file = Path.of(batchFiles.get(b));
        Cifar10Batch batch = Cifar10Batch.read(file);
        if (batch.size() != batchSizes.get(b)) {
          throw BadInputException.inFile(file, "now holds " + batch.size() + " images, " + batchSizes.get(b)
              + " when the dataset was loaded");
        }
        for (long i = Math.max(start, first); i < Math.min(end, last); i++) {
          records.add(batch.record((int) (i - first), i));
        }
      }
      first = last;
    }
    return records;
  }
}
