package dev.bgan.prepare.svhn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bgan.common.BadInputException;
import dev.bgan.common.Sha256;
import dev.bgan.testing.SvhnMatFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The reader against scipy-written files and scipy's own test files: every pixel and label equals
 * what numpy reads from the same file, and every defect is one line naming the file.
 */
@Tag("real-data")
class SvhnMatReaderTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "{0} images, y {1}, compressed {2}")
  @CsvSource({
      "50, float64, false",
      "50, float64, true",
      "50, uint8, false",
      "50, uint8, true",
      "2000, float64, true",
      "1, float64, false"})
  void everyPixelAndLabelAgreesWithNumpy(int count, String labelType, boolean compressed) {
    Path file = SvhnMatFixtures.svhn(dir.resolve("train_32x32.mat"), count, 7, labelType, compressed);
    assertAgreesWithNumpy(SvhnMatReader.read(file), SvhnMatFixtures.numpyFacts(file));
  }

  @Test
  void bigEndianFilesReadAsTheLittleEndianOnes() throws IOException {
    Path big = SvhnMatFixtures.svhnBigEndian(dir.resolve("big.mat"), 50, 3, "float64");
    Path little = SvhnMatFixtures.svhn(dir.resolve("little.mat"), 50, 3, "float64", false);
    assertEquals("MI", new String(Arrays.copyOfRange(Files.readAllBytes(big), 126, 128), StandardCharsets.US_ASCII));
    SvhnImages fromBig = SvhnMatReader.read(big);
    assertAgreesWithNumpy(fromBig, SvhnMatFixtures.numpyFacts(big));
    SvhnImages fromLittle = SvhnMatReader.read(little);
    assertEquals(Sha256.of(fromLittle.pixels()), Sha256.of(fromBig.pixels()));
    assertEquals(Sha256.of(fromLittle.labels()), Sha256.of(fromBig.labels()));
  }

  @Test
  void labelTenIsTheDigitZero() {
    Path file = SvhnMatFixtures.savemat(dir.resolve("y.mat"),
        "{'X': images(3), 'y': np.array([[10], [1], [9]], dtype=np.float64)}", false);
    assertEquals("0,1,9", labels(SvhnMatReader.read(file), 3));
  }

  @Test
  void aRowOfLabelsAsScipyWritesAOneDimensionalArrayIsAccepted() {
    Path file = SvhnMatFixtures.savemat(dir.resolve("y.mat"),
        "{'X': images(3), 'y': np.array([10, 2, 3], dtype=np.uint8)}", true);
    assertEquals("0,2,3", labels(SvhnMatReader.read(file), 3));
  }

  /**
   * scipy's own test files: v7.3 (its header text says 7.0, the HDF5 signature tells), v5 of both
   * byte orders without X (so parsed), v4, corrupt zlib data, lengths past the end, bad tags.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "testhdf5_7.4_GLNX86.mat| MATLAB v7.3 (HDF5) file; save it as v5 (scipy.io.savemat or MATLAB's save -v7)"
          + " or use the official SVHN files",
      "testdouble_7.4_GLNX86.mat| missing X (the images); the file holds only testdouble",
      "test3dmatrix_6.1_SOL2.mat| missing X (the images); the file holds only test3dmatrix",
      "testmulti_4.2c_SOL2.mat| not a MATLAB v5 MAT-file (no byte-order mark IM or MI at byte 126)",
      "corrupted_zlib_checksum.mat| corrupt MAT-file (ZipException: incorrect data check)",
      "malformed1.mat| truncated or corrupt: the data ends inside a variable",
      "bad_miuint32.mat| corrupt MAT-file (IOException: Encountered unexpected tag. Expected Int32, Found UInt32)"})
  void scipyTestFilesGetOneLineErrors(String name, String problem) {
    Path file = SvhnMatFixtures.scipyTestData(name);
    assertMessage(file + ": " + problem, file);
  }

  @ParameterizedTest(name = "compressed {0}")
  @CsvSource({"false", "true"})
  void truncatedFilesAreOneLineErrors(boolean compressed) throws IOException {
    Path file = SvhnMatFixtures.svhn(dir.resolve("train_32x32.mat"), 50, 1, "float64", compressed);
    byte[] bytes = Files.readAllBytes(file);
    for (int length : new int[] {bytes.length - 1, bytes.length / 2, 200}) {
      Files.write(file, Arrays.copyOf(bytes, length));
      assertMessage(file + ": truncated or corrupt: the data ends inside a variable", file);
    }
    Files.write(file, Arrays.copyOf(bytes, 100));
    assertMessage(file + ": not a MAT-file: 100 bytes, shorter than the 128-byte MATLAB v5 header", file);
  }

  @Test
  void missingAndForeignFiles() throws IOException {
    Path missing = dir.resolve("test_32x32.mat");
    assertMessage(missing + ": not found", missing);
    Path text = Files.writeString(dir.resolve("notes.mat"), "x".repeat(600));
    assertMessage(text + ": not a MATLAB v5 MAT-file (no byte-order mark IM or MI at byte 126)", text);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "{'X': images(5)}| missing y (the labels); the file holds only X",
      "{'y': labels(5)}| missing X (the images); the file holds only y",
      "{'X': images(5).astype(np.float64), 'y': labels(5)}| X is double, expected uint8 images",
      "{'X': images(5) > 3, 'y': labels(5)}| X is logical, expected uint8 images",
      "{'X': np.zeros((32, 32, 1, 5), np.uint8), 'y': labels(5)}| X is 32x32x1x5, expected 32x32x3xN (height,"
          + " width, channels, images)",
      "{'X': np.zeros((28, 28, 3, 5), np.uint8), 'y': labels(5)}| X is 28x28x3x5, expected 32x32x3xN (height,"
          + " width, channels, images)",
      "{'X': np.zeros((32, 32, 3, 0), np.uint8), 'y': labels(1)[:0]}| X holds no images",
      "{'X': images(5), 'y': np.ones((5, 2))}| y is 5x2, expected 5x1 (one label per image)",
      "{'X': images(5), 'y': 'abcde'}| y is char, expected numeric labels",
      "{'X': images(5), 'y': labels(4)}| X holds 5 images but y holds 4 labels",
      "{'X': images(5), 'y': np.array([[1], [2], [11], [4], [5]])}| label 11 of image 2 is outside 1..10"
          + " (10 stands for the digit 0)",
      "{'X': images(5), 'y': np.array([[1], [0], [3], [4], [5]], np.uint8)}| label 0 of image 1 is outside 1..10"
          + " (10 stands for the digit 0)",
      "{'X': images(5), 'y': np.array([[1], [2], [3], [4.5], [5]])}| label 4.5 of image 3 is outside 1..10"
          + " (10 stands for the digit 0)"})
  void defectsNameTheFileAndTheProblem(String variables, String problem) {
    Path file = SvhnMatFixtures.savemat(dir.resolve("bad.mat"), variables, true);
    assertMessage(file + ": " + problem, file);
  }

  private static void assertMessage(String expected, Path file) {
    BadInputException e = assertThrows(BadInputException.class, () -> SvhnMatReader.read(file));
    assertEquals(expected, e.getMessage());
    assertFalse(e.getMessage().contains("\n"), "one line");
    assertTrue(e.getMessage().startsWith(file + ": "));
  }

  private static void assertAgreesWithNumpy(SvhnImages images, Map<String, String> numpy) {
    assertEquals(numpy.get("count"), Integer.toString(images.count()));
    assertEquals(numpy.get("pixels_sha256"), Sha256.of(images.pixels()));
    assertEquals(numpy.get("labels_sha256"), Sha256.of(images.labels()));
    assertEquals(numpy.get("first_labels"), labels(images, 20));
    // Spot pixels: numpy's X[h, w, c, n] is HWC byte (h * 32 + w) * 3 + c of image n.
    numpy.forEach((key, value) -> {
      if (key.startsWith("pixel.")) {
        int[] nhwc = Arrays.stream(key.substring("pixel.".length()).split("\\.")).mapToInt(Integer::parseInt).toArray();
        int offset = nhwc[0] * SvhnImages.IMAGE_BYTES + (nhwc[1] * 32 + nhwc[2]) * 3 + nhwc[3];
        assertEquals(value, Integer.toString(images.pixels()[offset] & 0xff), key);
      }
    });
  }

  private static String labels(SvhnImages images, int max) {
    return IntStream.range(0, Math.min(max, images.count())).mapToObj(i -> Integer.toString(images.label(i)))
        .collect(Collectors.joining(","));
  }
}
