package dev.bgan.prepare.svhn;

import dev.bgan.dataset.ImageRecord;
import dev.bgan.prepare.SplitRecordReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a range of an SVHN split whose images are those of {@code files} one after the other (train,
 * then extra). Paths are strings to stay serializable; the images come from {@link SvhnMatCache}.
 */
record SvhnSplitReader(List<String> files) implements SplitRecordReader {
  SvhnSplitReader {
    files = List.copyOf(files);
  }

  @Override
  public List<ImageRecord> read(long start, long end) {
    List<ImageRecord> records = new ArrayList<>(Math.toIntExact(end - start));
    long first = 0;
    for (String file : files) {
      if (first >= end) {
        break;
      }
      SvhnImages images = SvhnMatCache.images(Path.of(file));
      for (long index = Math.max(start, first); index < Math.min(end, first + images.count()); index++) {
        records.add(images.record(Math.toIntExact(index - first), index));
      }
      first += images.count();
    }
    return records;
  }
}
