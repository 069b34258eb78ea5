package dev.bgan.prepare.folder;

import dev.bgan.common.BadInputException;
import dev.bgan.dataset.ImageRecord;
import dev.bgan.prepare.SplitRecordReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Decodes a range of a split's image files; paths are strings to stay serializable. */
record ImageFolderSplitReader(List<String> files, List<Integer> labels, int height, int width, int channels)
    implements SplitRecordReader {
  private static final long serialVersionUID = 1L;

  @Override
  public List<ImageRecord> read(long start, long end) {
    List<ImageRecord> records = new ArrayList<>();
    for (int i = Math.toIntExact(start); i < end; i++) {
      Path file = Path.of(files.get(i));
      ImageFileDecoder.Decoded image = ImageFileDecoder.decode(file);
      if (image.height() != height || image.width() != width || image.channels() != channels) {
        throw BadInputException.inFile(file, "is " + image.shapeText() + " now, it was " + height + "x" + width + "x"
            + channels + " when the folder was read");
      }
      records.add(new ImageRecord(i, height, width, channels, labels.get(i), image.pixels()));
    }
    return records;
  }
}
