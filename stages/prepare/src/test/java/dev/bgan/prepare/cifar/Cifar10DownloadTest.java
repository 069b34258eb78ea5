package dev.bgan.prepare.cifar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bgan.prepare.LocalMirror;
import dev.bgan.testing.Cifar10TestFiles;
import dev.bgan.testing.Cifar10TestFiles.Style;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads from a server on 127.0.0.1 that serves a CIFAR-style archive, checked by its MD5. */
class Cifar10DownloadTest {
  private static LocalMirror mirror;
  private static String md5;
  private static URI good;

  @TempDir Path dir;

  @BeforeAll
  static void startMirror(@TempDir Path tmp) throws IOException {
    Path batches = tmp.resolve("batches");
    Cifar10TestFiles.writeBatches(batches, Style.PYTHON2, List.of(2, 2, 2, 2, 2, 2), 1);
    md5 = Cifar10TestFiles.writeArchive(batches, tmp.resolve("a.tar.gz")).get("md5");
    mirror = new LocalMirror()
        .serve("/kriz/cifar-10-python.tar.gz", Files.readAllBytes(tmp.resolve("a.tar.gz")))
        .serve("/other/cifar-10-python.tar.gz", new byte[] {1, 2, 3});
    good = mirror.base("/kriz/cifar-10-python.tar.gz");
  }

  @AfterAll
  static void stopMirror() {
    mirror.close();
  }

  @Test
  void downloadsVerifiesAndRenamesIntoPlace() throws IOException {
    Cifar10Download download = new Cifar10Download(List.of(good), md5);
    assertEquals(good.toString(), download.download(dir));
    assertEquals(List.of(Cifar10Files.ARCHIVE), fileNames());
    assertEquals(md5, Cifar10Download.md5(dir.resolve(Cifar10Files.ARCHIVE)));
    assertTrue(download.verifies(dir.resolve(Cifar10Files.ARCHIVE)));
    assertFalse(new Cifar10Download(List.of(good), "0".repeat(32)).verifies(dir.resolve(Cifar10Files.ARCHIVE)));
    assertFalse(download.verifies(dir.resolve("absent")));
  }

  @Test
  void wrongContentIsRejectedAndNothingIsLeftBehind() throws IOException {
    URI other = mirror.base("/other/cifar-10-python.tar.gz");
    Cifar10Download download = new Cifar10Download(List.of(other), md5);
    IOException e = assertThrows(IOException.class, () -> download.download(dir));
    assertEquals("cifar-10-python.tar.gz could not be downloaded: " + other + ": MD5 is 5289df737df57326fcdd22597afb1fac,"
        + " expected " + md5, e.getMessage());
    assertEquals(List.of(), fileNames());
  }

  @Test
  void unreachableOrMissingUrlsFallBackToTheNext() throws IOException {
    URI refused = LocalMirror.unreachable().resolve(Cifar10Files.ARCHIVE);
    URI missing = mirror.base("/empty/cifar-10-python.tar.gz");
    Cifar10Download download = new Cifar10Download(List.of(refused, missing, good), md5);
    assertEquals(good.toString(), download.download(dir));
    assertEquals(List.of(Cifar10Files.ARCHIVE), fileNames());
    IOException e = assertThrows(IOException.class,
        () -> new Cifar10Download(List.of(refused, missing), md5).download(dir));
    assertEquals("cifar-10-python.tar.gz could not be downloaded: " + refused + ": ConnectException; " + missing
        + ": HTTP 404", e.getMessage());
  }

  @Test
  void theOfficialArchiveUnlessTheSystemPropertyNamesOthers() {
    Cifar10Download standard = Cifar10Download.fromSystemProperties();
    assertEquals(List.of(URI.create("https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz")), standard.urls());
    System.setProperty(Cifar10Download.URLS_PROPERTY, "http://127.0.0.1:1/a.tgz, http://127.0.0.1:2/b.tgz");
    try {
      assertEquals(List.of(URI.create("http://127.0.0.1:1/a.tgz"), URI.create("http://127.0.0.1:2/b.tgz")),
          Cifar10Download.fromSystemProperties().urls());
    } finally {
      System.clearProperty(Cifar10Download.URLS_PROPERTY);
    }
  }

  private List<String> fileNames() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }
}
