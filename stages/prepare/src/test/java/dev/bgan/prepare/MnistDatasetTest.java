package dev.bgan.prepare;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bgan.common.Sha256;
import dev.bgan.dataset.ImageRecord;
import dev.bgan.proto.DatasetSummary;
import dev.bgan.proto.SplitSummary;
import dev.bgan.testing.Python;
import dev.bgan.testing.RealMnist;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The parsed real MNIST against an independent reading of the same files by numpy: counts,
 * histograms, pixel range, a few pixels and the SHA-256 of every split's pixel and label arrays.
 */
@Tag("real-data")
class MnistDatasetTest {
  /** Prints "key value" lines about the raw files given as arguments (train images, labels, test images, labels). */
  private static final String NUMPY_SCRIPT = String.join("\n",
      "import sys, hashlib",
      "import numpy as np",
      "def idx(path, offset):",
      "    return np.frombuffer(open(path, 'rb').read(), dtype=np.uint8, offset=offset)",
      "lo, hi = 255, 0",
      "for split, (ip, lp) in (('train', sys.argv[1:3]), ('test', sys.argv[3:5])):",
      "    images = idx(ip, 16).reshape(-1, 28, 28)",
      "    labels = idx(lp, 8)",
      "    lo, hi = min(lo, int(images.min())), max(hi, int(images.max()))",
      "    print(split + '.count', len(images))",
      "    print(split + '.histogram', ','.join(str(int(n)) for n in np.bincount(labels, minlength=10)))",
      "    print(split + '.first_labels', ','.join(str(int(l)) for l in labels[:20]))",
      "    print(split + '.pixels_sha256', hashlib.sha256(images.tobytes()).hexdigest())",
      "    print(split + '.labels_sha256', hashlib.sha256(labels.tobytes()).hexdigest())",
      "    print(split + '.image_sums', ','.join(str(int(images[i].sum())) for i in (0, 1, 2, len(images) - 1)))",
      "    print(split + '.row14_of_0', ','.join(str(int(v)) for v in images[0, 14]))",
      "print('pixel_min', lo)",
      "print('pixel_max', hi)");

  private static MnistDataset dataset;
  private static Map<String, String> numpy;

  @BeforeAll
  static void load() throws IOException {
    dataset = MnistDataset.load(MnistFiles.locate(RealMnist.dir()));
    numpy = runNumpy();
  }

  @Test
  void countsAndFirstLabelsOfTheOfficialFiles() {
    assertEquals(60000, dataset.size(MnistSplit.TRAIN));
    assertEquals(10000, dataset.size(MnistSplit.TEST));
    // Well known: the training set starts 5 0 4 1 9 2 1 3 1 4, the test set 7 2 1 0 4 1 4 9 5 9.
    assertEquals(List.of(5, 0, 4, 1, 9, 2, 1, 3, 1, 4), firstLabels(MnistSplit.TRAIN, 10));
    assertEquals(List.of(7, 2, 1, 0, 4, 1, 4, 9, 5, 9), firstLabels(MnistSplit.TEST, 10));
  }

  @Test
  void summaryAgreesWithNumpy() {
    DatasetSummary summary = dataset.summary();
    assertEquals("mnist", summary.getName());
    assertEquals(28, summary.getHeight());
    assertEquals(28, summary.getWidth());
    assertEquals(1, summary.getChannels());
    assertEquals(10, summary.getNumClasses());
    assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), summary.getClassNamesList());
    assertEquals(numpy.get("pixel_min"), Integer.toString(summary.getPixelMin()));
    assertEquals(numpy.get("pixel_max"), Integer.toString(summary.getPixelMax()));
    assertEquals(2, summary.getSplitsCount());
    for (SplitSummary split : summary.getSplitsList()) {
      assertEquals(numpy.get(split.getName() + ".count"), Long.toString(split.getCount()));
      assertEquals(numpy.get(split.getName() + ".histogram"), join(split.getClassHistogramList()));
      assertEquals(0, split.getShardFilesCount(), "shard files are the writer's to fill in");
    }
  }

  @Test
  void everyPixelAndLabelAgreesWithNumpy() {
    for (MnistSplit split : MnistSplit.values()) {
      String prefix = split.splitName() + ".";
      MessageDigest pixels = Sha256.newDigest();
      byte[] labels = new byte[dataset.size(split)];
      for (int i = 0; i < dataset.size(split); i++) {
        ImageRecord record = dataset.record(split, i);
        pixels.update(record.pixels());
        labels[i] = (byte) record.label();
      }
      assertEquals(numpy.get(prefix + "pixels_sha256"), HexFormat.of().formatHex(pixels.digest()));
      assertEquals(numpy.get(prefix + "labels_sha256"), Sha256.of(labels));
      assertEquals(numpy.get(prefix + "first_labels"), join(firstLabels(split, 20)));
      int last = dataset.size(split) - 1;
      assertEquals(numpy.get(prefix + "image_sums"),
          join(List.of(sum(split, 0), sum(split, 1), sum(split, 2), sum(split, last))));
      byte[] image0 = dataset.record(split, 0).pixels();
      int[] row14 = new int[28];
      for (int x = 0; x < 28; x++) {
        row14[x] = image0[14 * 28 + x] & 0xff;
      }
      assertEquals(numpy.get(prefix + "row14_of_0"), join(Arrays.stream(row14).boxed().toList()));
    }
  }

  @Test
  void recordsCarryIndexShapeAndLabel() {
    ImageRecord record = dataset.record(MnistSplit.TEST, 7);
    assertEquals(7, record.index());
    assertEquals(28, record.height());
    assertEquals(28, record.width());
    assertEquals(1, record.channels());
    assertEquals(9, record.label());
  }

  @Test
  void splitReaderReadsWhatTheDatasetHolds() {
    List<ImageRecord> range = dataset.reader("train").read(59990, 60000);
    assertEquals(10, range.size());
    for (ImageRecord record : range) {
      assertEquals(dataset.record(MnistSplit.TRAIN, (int) record.index()), record);
    }
    assertArrayEquals(dataset.record(MnistSplit.TEST, 0).pixels(), dataset.reader("test").read(0, 1).get(0).pixels());
  }

  private static List<Integer> firstLabels(MnistSplit split, int n) {
    return IntStream.range(0, n).mapToObj(i -> dataset.label(split, i)).toList();
  }

  private static long sum(MnistSplit split, int index) {
    long total = 0;
    for (byte b : dataset.record(split, index).pixels()) {
      total += b & 0xff;
    }
    return total;
  }

  private static String join(List<? extends Number> values) {
    return String.join(",", values.stream().map(String::valueOf).toList());
  }

  private static Map<String, String> runNumpy() {
    Path dir = RealMnist.dir();
    String output = Python.run(List.of("numpy"), NUMPY_SCRIPT,
        dir.resolve(MnistFiles.TRAIN_IMAGES).toString(), dir.resolve(MnistFiles.TRAIN_LABELS).toString(),
        dir.resolve(MnistFiles.TEST_IMAGES).toString(), dir.resolve(MnistFiles.TEST_LABELS).toString());
    Map<String, String> values = new HashMap<>();
    output.lines().map(line -> line.split(" ", 2)).forEach(kv -> values.put(kv[0], kv[1]));
    return values;
  }
}
