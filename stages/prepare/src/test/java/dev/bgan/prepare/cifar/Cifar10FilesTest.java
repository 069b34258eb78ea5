package dev.bgan.prepare.cifar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bgan.common.BadInputException;
import dev.bgan.proto.SourceFile;
import dev.bgan.testing.Cifar10TestFiles;
import dev.bgan.testing.Cifar10TestFiles.Style;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the seven files: in the directory, in its cifar-10-batches-py folder, or in the archive there. */
class Cifar10FilesTest {
  @TempDir Path tmp;
  private Path batches;
  private Cifar10TestFiles.Expected numpy;

  @BeforeEach
  void writeBatches() {
    batches = tmp.resolve("batches");
    numpy = Cifar10TestFiles.writeBatches(batches, Style.PYTHON2, List.of(2, 2, 2, 2, 2, 2), 1);
  }

  @Test
  void inTheDirectoryWithTheirHashesAndFileUris() throws IOException {
    Cifar10Files files = Cifar10Files.locate(batches);
    assertEquals(batches, files.dir());
    List<SourceFile> sources = files.sourceFiles();
    assertEquals(List.of("data_batch_1", "data_batch_2", "data_batch_3", "data_batch_4", "data_batch_5",
        "test_batch", "batches.meta"), sources.stream().map(SourceFile::getName).toList());
    for (SourceFile source : sources) {
      Path file = batches.resolve(source.getName());
      assertEquals(numpy.get("sha256." + source.getName()), source.getSha256(), source.getName());
      assertEquals(Files.size(file), source.getSizeBytes());
      assertEquals(file.toAbsolutePath().toUri().toString(), source.getOrigin());
    }
    assertEquals(List.of(batches.resolve("test_batch")), files.batches(Cifar10Split.TEST));
  }

  @Test
  void inTheFolderTheArchiveUnpacksTo() throws IOException {
    Path parent = tmp.resolve("parent");
    Files.createDirectories(parent);
    Files.move(batches, parent.resolve(Cifar10Files.FOLDER));
    assertEquals(parent.resolve(Cifar10Files.FOLDER), Cifar10Files.locate(parent).dir());
  }

  @Test
  void unpackedFromTheArchiveWithItsOrigin() throws IOException {
    Path parent = Files.createDirectory(tmp.resolve("parent"));
    Path archive = parent.resolve(Cifar10Files.ARCHIVE);
    Cifar10TestFiles.writeArchive(batches, archive);
    Cifar10Files files = Cifar10Files.locate(parent);
    assertEquals(parent.resolve(Cifar10Files.FOLDER), files.dir());
    for (SourceFile source : files.sourceFiles()) {
      assertEquals(numpy.get("sha256." + source.getName()), source.getSha256(), source.getName());
      assertEquals(archive.toAbsolutePath().toUri().toString(), source.getOrigin());
    }
    assertEquals(List.of(Cifar10Files.FOLDER, Cifar10Files.ARCHIVE), names(parent), "no scratch folder left");
    assertEquals("https://example.org/c.tgz",
        files.withArchiveOrigin("https://example.org/c.tgz").sourceFiles().get(0).getOrigin());
  }

  @Test
  void anArchiveWithAnEntryOutsideIsRefusedAndNothingIsUnpacked() throws IOException {
    Path parent = Files.createDirectory(tmp.resolve("parent"));
    Path archive = parent.resolve(Cifar10Files.ARCHIVE);
    Cifar10TestFiles.writeArchive(batches, archive, "../escaped");
    BadInputException e = assertThrows(BadInputException.class, () -> Cifar10Files.locate(parent));
    assertTrue(e.getMessage().startsWith(archive + ": cannot unpack into " + parent + " (entry '../escaped' would be"
        + " written outside "), e.getMessage());
    assertFalse(Files.exists(tmp.resolve("escaped")));
    assertEquals(List.of(Cifar10Files.ARCHIVE), names(parent));
  }

  @Test
  void aMissingFileIsNamed() throws IOException {
    Files.delete(batches.resolve("test_batch"));
    BadInputException e = assertThrows(BadInputException.class, () -> Cifar10Files.locate(batches));
    assertEquals(batches.resolve("test_batch") + ": not found (CIFAR-10 needs data_batch_1, data_batch_2,"
        + " data_batch_3, data_batch_4, data_batch_5, test_batch, batches.meta)", e.getMessage());
  }

  @Test
  void aDirectoryWithoutAnyOfThem() {
    BadInputException e = assertThrows(BadInputException.class, () -> Cifar10Files.locate(tmp));
    assertEquals(tmp + ": holds neither the CIFAR-10 python batches (data_batch_1, data_batch_2, data_batch_3,"
        + " data_batch_4, data_batch_5, test_batch, batches.meta) nor a folder cifar-10-batches-py nor"
        + " cifar-10-python.tar.gz", e.getMessage());
    Path nowhere = tmp.resolve("nowhere");
    e = assertThrows(BadInputException.class, () -> Cifar10Files.locate(nowhere));
    assertTrue(e.getMessage().startsWith(nowhere + ": not a directory"), e.getMessage());
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }
}
