package dev.bgan.prepare.svhn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bgan.common.BadInputException;
import dev.bgan.common.Sha256;
import dev.bgan.dataset.ImageRecord;
import dev.bgan.prepare.SplitRecordReader;
import dev.bgan.proto.DatasetSummary;
import dev.bgan.proto.SourceFile;
import dev.bgan.proto.SplitSummary;
import dev.bgan.testing.SvhnMatFixtures;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SVHN with and without the extra images, on scipy-written files, against what numpy reads from them. */
@Tag("real-data")
class SvhnDatasetTest {
  private static final int TRAIN = 300;
  private static final int TEST = 120;
  private static final int EXTRA = 200;

  @TempDir static Path dir;
  private static SvhnFiles files;
  private static Map<String, String> numpyTrain;
  private static Map<String, String> numpyTest;
  private static Map<String, String> numpyTrainAndExtra;

  @BeforeAll
  static void writeFiles() {
    Path train = SvhnMatFixtures.svhn(dir.resolve(SvhnFiles.TRAIN), TRAIN, 1, "float64", true);
    Path test = SvhnMatFixtures.svhn(dir.resolve(SvhnFiles.TEST), TEST, 2, "uint8", false);
    Path extra = SvhnMatFixtures.svhn(dir.resolve(SvhnFiles.EXTRA), EXTRA, 3, "float64", true);
    files = SvhnFiles.locate(dir);
    numpyTrain = SvhnMatFixtures.numpyFacts(train);
    numpyTest = SvhnMatFixtures.numpyFacts(test);
    numpyTrainAndExtra = SvhnMatFixtures.numpyFacts(train, extra);
  }

  @Test
  void withoutExtraTrainAndTestAreTheirFiles() {
    SvhnDataset dataset = SvhnDataset.load(files, false);
    assertEquals("svhn", dataset.name());
    DatasetSummary summary = dataset.summary();
    assertEquals("svhn", summary.getName());
    assertEquals(List.of(32, 32, 3, 10), List.of(summary.getHeight(), summary.getWidth(), summary.getChannels(),
        summary.getNumClasses()));
    assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), summary.getClassNamesList());
    assertSplit(summary.getSplits(0), "train", numpyTrain);
    assertSplit(summary.getSplits(1), "test", numpyTest);
    assertEquals(Math.min(Integer.parseInt(numpyTrain.get("pixel_min")), Integer.parseInt(numpyTest.get("pixel_min"))),
        summary.getPixelMin());
    assertEquals(Math.max(Integer.parseInt(numpyTrain.get("pixel_max")), Integer.parseInt(numpyTest.get("pixel_max"))),
        summary.getPixelMax());
    assertRecordsAgreeWithNumpy(dataset.reader("train"), TRAIN, numpyTrain);
    assertRecordsAgreeWithNumpy(dataset.reader("test"), TEST, numpyTest);
    assertEquals(List.of(SvhnFiles.TRAIN, SvhnFiles.TEST), dataset.sourceFiles().stream().map(SourceFile::getName).toList());
  }

  @Test
  void extraIsAppendedToTrainOnlyWhenAsked() {
    SvhnDataset dataset = SvhnDataset.load(files, true);
    assertEquals("svhn_extra", dataset.name());
    assertEquals(TRAIN + EXTRA, dataset.size("train"));
    assertEquals(TEST, dataset.size("test"));
    assertSplit(dataset.summary().getSplits(0), "train", numpyTrainAndExtra);
    assertSplit(dataset.summary().getSplits(1), "test", numpyTest);
    assertRecordsAgreeWithNumpy(dataset.reader("train"), TRAIN + EXTRA, numpyTrainAndExtra);
    assertEquals(List.of(SvhnFiles.TRAIN, SvhnFiles.TEST, SvhnFiles.EXTRA),
        dataset.sourceFiles().stream().map(SourceFile::getName).toList());
  }

  @Test
  void sourceFilesCarryHashSizeAndOrigin() {
    SourceFile train = SvhnDataset.load(files.withOrigins(Map.of(SvhnFiles.TRAIN, "http://example/train")), false)
        .sourceFiles().get(0);
    assertEquals(Sha256.ofFile(dir.resolve(SvhnFiles.TRAIN)), train.getSha256());
    assertEquals(dir.resolve(SvhnFiles.TRAIN).toFile().length(), train.getSizeBytes());
    assertEquals("http://example/train", train.getOrigin());
    SourceFile test = SvhnDataset.load(files, false).sourceFiles().get(1);
    assertEquals(dir.resolve(SvhnFiles.TEST).toUri().toString(), test.getOrigin());
  }

  @Test
  void readsOfAnyRangeMatchTheWholeSplitAcrossTheFileBoundary() {
    SplitRecordReader reader = SvhnDataset.load(files, true).reader("train");
    List<ImageRecord> whole = reader.read(0, TRAIN + EXTRA);
    List<ImageRecord> pieces = new ArrayList<>();
    for (long[] range : new long[][] {{0, 7}, {7, TRAIN - 1}, {TRAIN - 1, TRAIN + 1}, {TRAIN + 1, TRAIN + EXTRA}}) {
      pieces.addAll(reader.read(range[0], range[1]));
    }
    assertEquals(whole.size(), pieces.size());
    for (int i = 0; i < whole.size(); i++) {
      assertEquals(i, pieces.get(i).index());
      assertEquals(whole.get(i), pieces.get(i));
    }
    assertEquals(List.of(), reader.read(5, 5));
  }

  @Test
  void theReaderTravelsSerialized() throws IOException, ClassNotFoundException {
    SplitRecordReader reader = SvhnDataset.load(files, false).reader("test");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(reader);
    }
    SplitRecordReader copy;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (SplitRecordReader) in.readObject();
    }
    assertEquals(reader.read(10, 20), copy.read(10, 20));
  }

  @Test
  void extraAskedForButAbsentIsNotFound(@TempDir Path withoutExtra) {
    SvhnMatFixtures.svhn(withoutExtra.resolve(SvhnFiles.TRAIN), 5, 1, "float64", false);
    SvhnMatFixtures.svhn(withoutExtra.resolve(SvhnFiles.TEST), 5, 2, "float64", false);
    SvhnFiles onlyTwo = SvhnFiles.locate(withoutExtra);
    assertEquals(5, SvhnDataset.load(onlyTwo, false).size("train"));
    BadInputException e = assertThrows(BadInputException.class, () -> SvhnDataset.load(onlyTwo, true));
    assertEquals(withoutExtra.resolve(SvhnFiles.EXTRA) + ": not found", e.getMessage());
  }

  @Test
  void aDirectoryIsRequiredAndSplitsAreTrainAndTest() {
    Path notADir = dir.resolve(SvhnFiles.TRAIN);
    BadInputException e = assertThrows(BadInputException.class, () -> SvhnFiles.locate(notADir));
    assertEquals(notADir + ": not a directory (expected train_32x32.mat and test_32x32.mat in it)", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> SvhnDataset.load(files, false).reader("extra"));
  }

  private static void assertSplit(SplitSummary split, String name, Map<String, String> numpy) {
    assertEquals(name, split.getName());
    assertEquals(numpy.get("count"), Long.toString(split.getCount()));
    assertEquals(numpy.get("histogram"), String.join(",", split.getClassHistogramList().stream()
        .map(String::valueOf).toList()));
    assertEquals(0, split.getShardFilesCount(), "shard files are the writer's to fill in");
  }

  private static void assertRecordsAgreeWithNumpy(SplitRecordReader reader, int count, Map<String, String> numpy) {
    MessageDigest pixels = Sha256.newDigest();
    byte[] labels = new byte[count];
    List<ImageRecord> records = reader.read(0, count);
    for (ImageRecord record : records) {
      assertEquals(List.of(32, 32, 3), List.of(record.height(), record.width(), record.channels()));
      pixels.update(record.pixels());
      labels[(int) record.index()] = (byte) record.label();
    }
    assertEquals(count, records.size());
    assertEquals(numpy.get("pixels_sha256"), HexFormat.of().formatHex(pixels.digest()));
    assertEquals(numpy.get("labels_sha256"), Sha256.of(labels));
  }
}
