package dev.bgan.prepare;

import static dev.bgan.prepare.IdxTestFiles.assertOneLineError;
import static dev.bgan.prepare.IdxTestFiles.bytes;
import static dev.bgan.prepare.IdxTestFiles.gzip;
import static dev.bgan.prepare.IdxTestFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bgan.common.BadInputException;
import dev.bgan.proto.SourceFile;
import dev.bgan.testing.RealMnist;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("real-data")
class MnistFilesTest {
  @TempDir Path tmp;

  @Test
  void locatesTheRealFilesWithTheirProvenance() throws IOException {
    MnistFiles files = MnistFiles.locate(RealMnist.dir());
    List<SourceFile> sources = files.sourceFiles();
    assertEquals(MnistFiles.NAMES, sources.stream().map(SourceFile::getName).toList());
    for (SourceFile source : sources) {
      Path file = RealMnist.file(source.getName());
      assertEquals(RealMnist.SHA256.get(source.getName()), source.getSha256());
      assertEquals(Files.size(file), source.getSizeBytes());
      assertEquals(file.toAbsolutePath().toUri().toString(), source.getOrigin());
    }
    assertEquals(MnistFiles.RAW_SHA256, RealMnist.SHA256);
  }

  @Test
  void acceptsGzipAndPrefersRawWhereBothExist() throws IOException {
    for (String name : MnistFiles.NAMES) {
      gzip(RealMnist.file(name), tmp.resolve(name + ".gz"));
    }
    Files.copy(RealMnist.file(MnistFiles.TEST_LABELS), tmp.resolve(MnistFiles.TEST_LABELS));
    MnistFiles files = MnistFiles.locate(tmp);
    assertEquals(tmp.resolve(MnistFiles.TRAIN_IMAGES + ".gz"), files.path(MnistFiles.TRAIN_IMAGES));
    assertEquals(tmp.resolve(MnistFiles.TEST_LABELS), files.path(MnistFiles.TEST_LABELS));
    // Provenance is of the IDX content: gzipped MNIST has the canonical raw hashes, so it is the same source.
    SourceFile trainImages = files.sourceFiles().get(0);
    assertEquals(MnistFiles.TRAIN_IMAGES, trainImages.getName());
    assertEquals(RealMnist.SHA256.get(MnistFiles.TRAIN_IMAGES), trainImages.getSha256());
    assertEquals(Files.size(tmp.resolve(MnistFiles.TRAIN_IMAGES + ".gz")), trainImages.getSizeBytes());
  }

  @Test
  void originsCanBeReplaced() {
    MnistFiles files = MnistFiles.locate(RealMnist.dir())
        .withOrigins(Map.of(MnistFiles.TEST_LABELS, MnistNpmPackage.ORIGIN));
    assertEquals(MnistNpmPackage.ORIGIN, files.sourceFiles().get(3).getOrigin());
  }

  @Test
  void missingFileIsNamed() throws IOException {
    copyRealFilesExcept(MnistFiles.TRAIN_LABELS);
    assertOneLineError(tmp.resolve(MnistFiles.TRAIN_LABELS), "not found (nor train-labels-idx1-ubyte.gz)",
        () -> MnistFiles.locate(tmp));
  }

  @Test
  void missingDirectoryIsNamed() {
    Path nowhere = tmp.resolve("nowhere");
    assertOneLineError(nowhere, "not a directory", () -> MnistFiles.locate(nowhere));
  }

  @Test
  void countMismatchNamesBothFilesAndCounts() throws IOException {
    copyRealFilesExcept(MnistFiles.TEST_LABELS);
    byte[] labels = bytes(RealMnist.file(MnistFiles.TEST_LABELS));
    byte[] fewer = Arrays.copyOf(labels, labels.length - 1);
    fewer[7] = (byte) 0x0f; // count 9999 = 0x0000270f
    Path labelsFile = write(tmp.resolve(MnistFiles.TEST_LABELS), fewer);
    BadInputException e = assertThrows(BadInputException.class, () -> MnistFiles.locate(tmp));
    assertEquals(tmp.resolve(MnistFiles.TEST_IMAGES) + " holds 10000 images but " + labelsFile
        + " holds 9999 labels", e.getMessage());
  }

  @Test
  void swappedFilesFailOnTheMagic() throws IOException {
    copyRealFilesExcept(MnistFiles.TEST_IMAGES);
    Path swapped = tmp.resolve(MnistFiles.TEST_IMAGES);
    Files.copy(RealMnist.file(MnistFiles.TEST_LABELS), swapped);
    assertOneLineError(swapped, "wrong magic number", () -> MnistFiles.locate(tmp));
  }

  private void copyRealFilesExcept(String skipped) throws IOException {
    for (String name : MnistFiles.NAMES) {
      if (!name.equals(skipped)) {
        Files.copy(RealMnist.file(name), tmp.resolve(name));
      }
    }
  }
}
