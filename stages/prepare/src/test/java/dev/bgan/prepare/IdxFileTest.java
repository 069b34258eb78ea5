package dev.bgan.prepare;

import static dev.bgan.prepare.IdxTestFiles.assertOneLineError;
import static dev.bgan.prepare.IdxTestFiles.bytes;
import static dev.bgan.prepare.IdxTestFiles.gzip;
import static dev.bgan.prepare.IdxTestFiles.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bgan.testing.RealMnist;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IDX parsing on copies of the real test split, intact and damaged. */
@Tag("real-data")
class IdxFileTest {
  private static final Path IMAGES = RealMnist.file(RealMnist.TEST_IMAGES);
  private static final Path LABELS = RealMnist.file(RealMnist.TEST_LABELS);

  @TempDir Path tmp;

  @Test
  void readsRealTestImagesAndLabels() {
    IdxFile.Images images = IdxFile.readImages(IMAGES);
    assertEquals(10000, images.count());
    assertEquals(28, images.rows());
    assertEquals(28, images.cols());
    byte[] labels = IdxFile.readLabels(LABELS, 10);
    assertEquals(10000, labels.length);
    // The first test digits of MNIST: 7 2 1 0 4 1 4 9 5 9.
    assertArrayEquals(new byte[] {7, 2, 1, 0, 4, 1, 4, 9, 5, 9}, Arrays.copyOf(labels, 10));
  }

  @Test
  void gzipIsDetectedByContentNotName() {
    Path compressed = gzip(IMAGES, tmp.resolve("images-without-gz-suffix"));
    assertArrayEquals(IdxFile.readImages(IMAGES).pixels(), IdxFile.readImages(compressed).pixels());
    Path raw = write(tmp.resolve("labels.gz"), bytes(LABELS));
    assertArrayEquals(IdxFile.readLabels(LABELS, 10), IdxFile.readLabels(raw, 10));
  }

  @Test
  void rangeReadsEqualSlicesOfTheWholeFile() {
    byte[] all = IdxFile.readImages(IMAGES).pixels();
    Path compressed = gzip(IMAGES, tmp.resolve("images.gz"));
    for (Path file : new Path[] {IMAGES, compressed}) {
      IdxFile.Images range = IdxFile.readImages(file, 9990, 10);
      assertArrayEquals(Arrays.copyOfRange(all, 9990 * 784, 10000 * 784), range.pixels());
    }
    byte[] labels = IdxFile.readLabels(LABELS, 10);
    assertArrayEquals(Arrays.copyOfRange(labels, 123, 456), IdxFile.readLabels(LABELS, 10, 123, 333));
  }

  @Test
  void headerGivesCountAndShape() {
    IdxFile.Header header = IdxFile.readHeader(IMAGES, IdxFile.IMAGES_MAGIC);
    assertEquals(10000, header.count());
    assertArrayEquals(new int[] {28, 28}, header.itemShape());
    assertEquals(784, header.itemBytes());
  }

  @Test
  void contentHashIsTheRawHashForBothForms() {
    assertEquals(RealMnist.SHA256.get(RealMnist.TEST_LABELS), IdxFile.contentSha256(LABELS));
    Path compressed = gzip(LABELS, tmp.resolve("labels.gz"));
    assertEquals(RealMnist.SHA256.get(RealMnist.TEST_LABELS), IdxFile.contentSha256(compressed));
  }

  @Test
  void missingFile() {
    Path missing = tmp.resolve("nothing-here");
    assertOneLineError(missing, "not found", () -> IdxFile.readImages(missing));
  }

  @Test
  void wrongMagicSaysExpectedAndFound() {
    String message = assertOneLineError(LABELS, "wrong magic", () -> IdxFile.readImages(LABELS));
    assertEquals(LABELS + ": wrong magic number: expected 0x00000803 (IDX uint8 images), found 0x00000801",
        message);
  }

  @Test
  void truncatedImagesSayHowManyBytes() {
    byte[] real = bytes(IMAGES);
    Path truncated = write(tmp.resolve("truncated"), Arrays.copyOf(real, real.length - 100));
    String message = assertOneLineError(truncated, "truncated", () -> IdxFile.readImages(truncated));
    assertEquals(truncated + ": truncated: the header declares 10000 items of 784 bytes (7840000 bytes of data),"
        + " found 7839900", message);
  }

  @Test
  void truncatedInsideGzipSaysUncompressed() {
    byte[] real = bytes(IMAGES);
    Path truncatedRaw = write(tmp.resolve("truncated-raw"), Arrays.copyOf(real, 16 + 784 * 5));
    Path truncated = gzip(truncatedRaw, tmp.resolve("truncated.gz"));
    assertOneLineError(truncated, "(7840000 bytes of data uncompressed), found 3920",
        () -> IdxFile.readImages(truncated));
  }

  @Test
  void truncatedHeader() {
    Path stub = write(tmp.resolve("stub"), Arrays.copyOf(bytes(IMAGES), 10));
    assertOneLineError(stub, "truncated: expected a 16-byte IDX header, found 10 bytes",
        () -> IdxFile.readImages(stub));
  }

  @Test
  void trailingBytes() {
    byte[] real = bytes(LABELS);
    Path longer = write(tmp.resolve("longer"), Arrays.copyOf(real, real.length + 3));
    assertOneLineError(longer, "3 trailing bytes after the 10000 items", () -> IdxFile.readLabels(longer, 10));
  }

  @Test
  void labelOutOfRange() {
    byte[] real = bytes(LABELS);
    real[8 + 42] = 12;
    Path bad = write(tmp.resolve("bad-label"), real);
    assertOneLineError(bad, "label 12 of item 42 is out of range 0..9", () -> IdxFile.readLabels(bad, 10));
  }

  @Test
  void corruptGzip() {
    byte[] compressed = bytes(gzip(LABELS, tmp.resolve("labels.gz")));
    for (int i = 100; i < 140; i++) {
      compressed[i] ^= 0x5a;
    }
    Path corrupt = write(tmp.resolve("corrupt.gz"), compressed);
    assertOneLineError(corrupt, "corrupt gzip data", () -> IdxFile.readLabels(corrupt, 10));
  }

  @Test
  void gzipCutShort() {
    byte[] compressed = bytes(gzip(LABELS, tmp.resolve("labels.gz")));
    Path cut = write(tmp.resolve("cut.gz"), Arrays.copyOf(compressed, compressed.length / 2));
    assertOneLineError(cut, "corrupt gzip data", () -> IdxFile.readLabels(cut, 10));
  }

  @Test
  void absurdDimensionIsRefused() {
    byte[] header = ByteBuffer.allocate(16).putInt(IdxFile.IMAGES_MAGIC).putInt(1).putInt(0).putInt(28).array();
    Path zero = write(tmp.resolve("zero-rows"), header);
    assertOneLineError(zero, "item dimension 1 is 0", () -> IdxFile.readImages(zero));
  }
}
