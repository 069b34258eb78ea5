package dev.bgan.prepare.cifar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bgan.common.BadInputException;
import dev.bgan.prepare.LocalMirror;
import dev.bgan.proto.SourceFile;
import dev.bgan.testing.Cifar10TestFiles;
import dev.bgan.testing.Cifar10TestFiles.Style;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store's copy of the archive: downloaded once from 127.0.0.1, then reused while it verifies. */
class Cifar10SourcesTest {
  private static LocalMirror mirror;
  private static Cifar10TestFiles.Expected numpy;
  private static String md5;
  private static URI url;

  @TempDir Path dir;

  @BeforeAll
  static void startMirror(@TempDir Path tmp) throws IOException {
    Path batches = tmp.resolve("batches");
    numpy = Cifar10TestFiles.writeBatches(batches, Style.PYTHON2, List.of(3, 3, 3, 3, 3, 3), 1);
    md5 = Cifar10TestFiles.writeArchive(batches, tmp.resolve("a.tar.gz")).get("md5");
    mirror = new LocalMirror().serve("/kriz/cifar-10-python.tar.gz", Files.readAllBytes(tmp.resolve("a.tar.gz")));
    url = mirror.base("/kriz/cifar-10-python.tar.gz");
  }

  @AfterAll
  static void stopMirror() {
    mirror.close();
  }

  @Test
  void downloadsOnceThenReusesTheVerifiedArchive() {
    Cifar10Sources sources = new Cifar10Sources(new Cifar10Download(List.of(url), md5));
    int before = mirror.requests();
    Cifar10Files files = sources.obtain(dir);
    assertEquals(1, mirror.requests() - before);
    assertEquals(dir.resolve(Cifar10Files.FOLDER), files.dir());
    for (SourceFile source : files.sourceFiles()) {
      assertEquals(url.toString(), source.getOrigin());
      assertEquals(numpy.get("sha256." + source.getName()), source.getSha256());
    }
    Cifar10Files again = sources.obtain(dir);
    assertEquals(1, mirror.requests() - before, "a verified archive is not downloaded again");
    assertEquals(files.sourceFiles(), again.sourceFiles(), "and its recorded origin is kept");
  }

  @Test
  void anArchiveThatDoesNotVerifyIsReplacedAndWhatCameFromItRemoved() throws IOException {
    Files.write(dir.resolve(Cifar10Files.ARCHIVE), new byte[] {1, 2, 3});
    Path stale = Files.createDirectories(dir.resolve(Cifar10Files.FOLDER)).resolve("data_batch_1");
    Files.write(stale, new byte[] {4});
    Cifar10Files files = new Cifar10Sources(new Cifar10Download(List.of(url), md5)).obtain(dir);
    assertEquals(md5, Cifar10Download.md5(dir.resolve(Cifar10Files.ARCHIVE)));
    assertEquals(numpy.get("sha256.data_batch_1"), files.sourceFiles().get(0).getSha256());
  }

  @Test
  void noDownloadIsOneLine() {
    URI refused = LocalMirror.unreachable().resolve(Cifar10Files.ARCHIVE);
    Cifar10Sources sources = new Cifar10Sources(new Cifar10Download(List.of(refused), md5));
    BadInputException e = assertThrows(BadInputException.class, () -> sources.obtain(dir));
    assertEquals("CIFAR-10 could not be obtained: cifar-10-python.tar.gz could not be downloaded: " + refused
        + ": ConnectException", e.getMessage());
    assertFalse(Files.exists(dir.resolve(Cifar10Files.ARCHIVE)));
  }
}
