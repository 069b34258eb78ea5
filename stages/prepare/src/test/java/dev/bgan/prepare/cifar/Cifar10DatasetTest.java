package dev.bgan.prepare.cifar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bgan.common.BadInputException;
import dev.bgan.common.Sha256;
import dev.bgan.dataset.ImageRecord;
import dev.bgan.proto.DatasetSummary;
import dev.bgan.proto.SplitSummary;
import dev.bgan.testing.Cifar10TestFiles;
import dev.bgan.testing.Cifar10TestFiles.Style;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CIFAR-10 batches pickled every way they come (Python 2 as the official files, Python 3 protocols
 * 2 and 5) read against numpy's own reading of the same data: counts, histograms, pixel range,
 * class names, spot pixels and the SHA-256 of every split's HWC pixels and labels.
 */
class Cifar10DatasetTest {
  /** Batches of unequal sizes, so that shard ranges cross batch boundaries at odd places. */
  private static final List<Integer> SMALL = List.of(20, 17, 20, 20, 23, 15);

  @TempDir Path dir;

  @Test
  void everyStyleReadsAsNumpyReadsIt() {
    for (Style style : Style.values()) {
      Path batches = dir.resolve(style.name());
      Cifar10TestFiles.Expected numpy = Cifar10TestFiles.writeBatches(batches, style, SMALL, 1);
      assertAgreesWithNumpy(Cifar10Dataset.load(Cifar10Files.locate(batches)), numpy, style.name());
    }
  }

  @Test
  void aFullSizeBatchInTheOfficialLayout() {
    Path batches = dir.resolve("full");
    Cifar10TestFiles.Expected numpy =
        Cifar10TestFiles.writeBatches(batches, Style.PYTHON2, List.of(20, 20, 20, 20, 20, 10000), 2);
    Cifar10Dataset dataset = Cifar10Dataset.load(Cifar10Files.locate(batches));
    assertEquals(10000, dataset.size(Cifar10Split.TEST));
    assertAgreesWithNumpy(dataset, numpy, "full size");
  }

  @Test
  void aRangeAcrossBatchesIsThatPartOfTheSplit() {
    Cifar10TestFiles.writeBatches(dir, Style.PYTHON3, SMALL, 3);
    Cifar10Dataset dataset = Cifar10Dataset.load(Cifar10Files.locate(dir));
    List<ImageRecord> all = dataset.reader("train").read(0, 100);
    // 15..45 starts in data_batch_1 (0..19), spans data_batch_2 (20..36) and ends in data_batch_3.
    assertEquals(all.subList(15, 45), dataset.reader("train").read(15, 45));
    assertEquals(all.subList(99, 100), dataset.reader("train").read(99, 100));
    assertEquals(List.of(), dataset.reader("test").read(4, 4));
  }

  @Test
  void eachDefectIsOneLineNamingTheFile() throws IOException {
    Map<String, String> problems = Map.of(
        "shape", "'data' is a uint8 array of shape (10, 3071), expected a uint8 array of shape (N, 3072)",
        "dtype", "'data' is an int64 array of shape (10, 3072), expected a uint8 array of shape (N, 3072)",
        "float", "pickle holds numpy data of dtype 'f4'; CIFAR pickles hold only integers (uint8 pixels,"
            + " integer labels)",
        "fortran", "pickle holds a Fortran-ordered numpy array; CIFAR arrays are C-ordered",
        "label_range", "label 10 of image 7 is out of range 0..9",
        "label_count", "holds 10 images but 9 labels",
        "no_labels", "has no key 'labels' (it has [data, fine_labels])",
        "not_dict", "holds a list, a CIFAR pickle holds a dict",
        "nine_names", "names 9 classes, CIFAR-10 has 10");
    Path good = dir.resolve("good");
    Cifar10TestFiles.writeBatches(good, Style.PYTHON3, List.of(2, 2, 2, 2, 2, 2), 4);
    Path defects = dir.resolve("defects");
    Cifar10TestFiles.writeDefects(defects);
    for (Map.Entry<String, String> defect : problems.entrySet()) {
      Path batches = Files.createDirectory(dir.resolve(defect.getKey()));
      for (String name : Cifar10Files.NAMES) {
        Files.copy(good.resolve(name), batches.resolve(name));
      }
      Path broken = batches.resolve(defect.getKey().equals("nine_names") ? Cifar10Files.META : "data_batch_4");
      Files.copy(defects.resolve(defect.getKey()), broken, StandardCopyOption.REPLACE_EXISTING);
      Cifar10Files files = Cifar10Files.locate(batches);
      BadInputException e = assertThrows(BadInputException.class, () -> Cifar10Dataset.load(files), defect.getKey());
      assertEquals(broken + ": " + defect.getValue(), e.getMessage());
    }
  }

  @Test
  void aBatchChangedAfterLoadingFailsItsReader() throws IOException {
    Cifar10TestFiles.writeBatches(dir, Style.PYTHON3, List.of(3, 3, 3, 3, 3, 3), 6);
    Cifar10Dataset dataset = Cifar10Dataset.load(Cifar10Files.locate(dir));
    Path other = dir.resolve("other");
    Cifar10TestFiles.writeBatches(other, Style.PYTHON3, List.of(5, 5, 5, 5, 5, 5), 6);
    Path replaced = dir.resolve("data_batch_2");
    Files.copy(other.resolve("data_batch_2"), replaced, StandardCopyOption.REPLACE_EXISTING);
    BadInputException e = assertThrows(BadInputException.class, () -> dataset.reader("train").read(0, 15));
    assertEquals(replaced + ": now holds 5 images, 3 when the dataset was loaded", e.getMessage());
  }

  private static void assertAgreesWithNumpy(Cifar10Dataset dataset, Cifar10TestFiles.Expected numpy, String what) {
    DatasetSummary summary = dataset.summary();
    assertEquals("cifar10", summary.getName());
    assertEquals(List.of(32, 32, 3), List.of(summary.getHeight(), summary.getWidth(), summary.getChannels()));
    assertEquals(10, summary.getNumClasses());
    assertEquals(numpy.get("label_names"), String.join(",", summary.getClassNamesList()), what);
    assertEquals(numpy.get("pixel_min"), Integer.toString(summary.getPixelMin()), what);
    assertEquals(numpy.get("pixel_max"), Integer.toString(summary.getPixelMax()), what);
    for (SplitSummary split : summary.getSplitsList()) {
      String prefix = split.getName() + ".";
      assertEquals(numpy.get(prefix + "count"), Long.toString(split.getCount()), what);
      assertEquals(numpy.get(prefix + "histogram"),
          split.getClassHistogramList().stream().map(String::valueOf).collect(Collectors.joining(",")), what);
      List<ImageRecord> records = dataset.reader(split.getName()).read(0, split.getCount());
      MessageDigest pixels = Sha256.newDigest();
      byte[] labels = new byte[records.size()];
      for (int i = 0; i < records.size(); i++) {
        ImageRecord record = records.get(i);
        assertEquals(i, record.index());
        assertEquals(List.of(32, 32, 3), List.of(record.height(), record.width(), record.channels()));
        pixels.update(record.pixels());
        labels[i] = (byte) record.label();
      }
      assertEquals(numpy.get(prefix + "hwc_sha256"), HexFormat.of().formatHex(pixels.digest()), what + " " + prefix);
      assertEquals(numpy.get(prefix + "labels_sha256"), Sha256.of(labels), what + " " + prefix);
      for (String spot : numpy.get(prefix + "spots").split(";")) {
        int[] v = Arrays.stream(spot.split(",")).mapToInt(Integer::parseInt).toArray();
        int image = v[0];
        int y = v[1];
        int x = v[2];
        int c = v[3];
        assertEquals(v[4], records.get(image).pixels()[(y * 32 + x) * 3 + c] & 0xff, what + " " + prefix + spot);
      }
    }
  }
}
