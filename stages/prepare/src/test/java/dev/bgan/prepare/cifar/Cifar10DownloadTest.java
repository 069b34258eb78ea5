package dev.bgan.prepare.cifar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bgan.prepare.HttpDownload;
import dev.bgan.prepare.LocalMirror;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Downloads from a server on 127.0.0.1 that serves a CIFAR-style archive, checked by its MD5. */
class Cifar10DownloadTest {
  @RegisterExtension static final Cifar10ArchiveServer SERVER = new Cifar10ArchiveServer();

  @TempDir Path dir;

  @BeforeAll
  static void serveAWrongArchive() {
    SERVER.mirror().serve("/other/" + Cifar10Files.ARCHIVE, new byte[] {1, 2, 3});
  }

  @Test
  void downloadsVerifiesAndRenamesIntoPlace() throws IOException {
    Cifar10Download download = new Cifar10Download(List.of(SERVER.url()), SERVER.md5());
    assertEquals(SERVER.url().toString(), download.download(dir));
    assertEquals(List.of(Cifar10Files.ARCHIVE), fileNames());
    Path archive = dir.resolve(Cifar10Files.ARCHIVE);
    assertEquals(SERVER.md5(), HttpDownload.md5(archive));
    assertTrue(download.verifies(archive));
    assertFalse(new Cifar10Download(List.of(SERVER.url()), "0".repeat(32)).verifies(archive));
    assertFalse(download.verifies(dir.resolve("absent")));
  }

  @Test
  void wrongContentIsRejectedAndNothingIsLeftBehind() throws IOException {
    URI other = SERVER.mirror().base("/other/" + Cifar10Files.ARCHIVE);
    Cifar10Download download = new Cifar10Download(List.of(other), SERVER.md5());
    IOException e = assertThrows(IOException.class, () -> download.download(dir));
    // 5289df73... is the MD5 of the bytes 1, 2, 3.
    assertEquals("cifar-10-python.tar.gz could not be downloaded: " + other + ": MD5 is 5289df737df57326fcdd22597afb1fac,"
        + " expected " + SERVER.md5(), e.getMessage());
    assertEquals(List.of(), fileNames());
  }

  @Test
  void unreachableOrMissingUrlsFallBackToTheNext() throws IOException {
    URI refused = LocalMirror.unreachable().resolve(Cifar10Files.ARCHIVE);
    URI missing = SERVER.mirror().base("/empty/" + Cifar10Files.ARCHIVE);
    Cifar10Download download = new Cifar10Download(List.of(refused, missing, SERVER.url()), SERVER.md5());
    assertEquals(SERVER.url().toString(), download.download(dir));
    assertEquals(List.of(Cifar10Files.ARCHIVE), fileNames());
    IOException e = assertThrows(IOException.class,
        () -> new Cifar10Download(List.of(refused, missing), SERVER.md5()).download(dir));
    assertEquals("cifar-10-python.tar.gz could not be downloaded: " + refused + ": ConnectException; " + missing
        + ": HTTP 404", e.getMessage());
  }

  @Test
  void theOfficialArchiveAndItsMd5() {
    Cifar10Download standard = Cifar10Download.fromSystemProperties();
    assertEquals(List.of(URI.create("https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz")), standard.urls());
    assertEquals("c58f30108f718f92721af3b95e74349a", Cifar10Download.STANDARD_MD5);
  }

  private List<String> fileNames() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }
}
