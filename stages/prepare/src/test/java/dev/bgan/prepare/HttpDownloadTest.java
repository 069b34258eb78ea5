package dev.bgan.prepare;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bgan.common.BadInputException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * URLs from a system property, and resuming: the downloads of whole datasets are tested through
 * MNIST's, SVHN's and CIFAR-10's.
 */
class HttpDownloadTest {
  private static final String PROPERTY = "bgan.test.urls";
  private static final List<URI> STANDARD = List.of(URI.create("https://example.org/a"));

  @AfterEach
  void clearProperty() {
    System.clearProperty(PROPERTY);
  }

  @Test
  void theStandardUrlsUnlessThePropertyNamesOthers() {
    assertEquals(STANDARD, HttpDownload.urlsFromProperty(PROPERTY, STANDARD));
    System.setProperty(PROPERTY, "  ");
    assertEquals(STANDARD, HttpDownload.urlsFromProperty(PROPERTY, STANDARD));
    System.setProperty(PROPERTY, "http://127.0.0.1:1/a.tgz, ,http://127.0.0.1:2/b/");
    assertEquals(List.of(URI.create("http://127.0.0.1:1/a.tgz"), URI.create("http://127.0.0.1:2/b/")),
        HttpDownload.urlsFromProperty(PROPERTY, STANDARD));
  }

  @Test
  void aPropertyThatIsNoUrlIsOneLine() {
    System.setProperty(PROPERTY, "http://a b");
    BadInputException e = assertThrows(BadInputException.class, () -> HttpDownload.urlsFromProperty(PROPERTY, STANDARD));
    assertEquals("parameter bgan.test.urls: must be comma-separated URLs (got http://a b)", e.getMessage());
  }

  @TempDir Path tmp;

  private static byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    new Random(7).nextBytes(bytes);
    return bytes;
  }

  private static String md5(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
  }

  @Test
  void aCutDownloadResumesAfterTheBytesAlreadyThere() throws Exception {
    byte[] body = randomBytes(10_000);
    Path target = tmp.resolve("file.bin");
    Files.write(tmp.resolve("file.bin.part"), Arrays.copyOf(body, 4_000));
    try (LocalMirror mirror = new LocalMirror().serve("/d/file.bin", body)) {
      new HttpDownload().download(List.of(mirror.base("/d/file.bin")), target, HttpDownload.md5Is(md5(body)));
      assertEquals(List.of("bytes=4000-"), mirror.ranges());
    }
    assertArrayEquals(body, Files.readAllBytes(target));
    assertEquals(List.of("file.bin"), List.of(tmp.toFile().list()));
  }

  @Test
  void aPartThatFailsTheCheckIsDeletedAndTheNextDownloadStartsOver() throws Exception {
    byte[] body = randomBytes(10_000);
    Path target = tmp.resolve("file.bin");
    Files.write(tmp.resolve("file.bin.part"), new byte[4_000]);
    try (LocalMirror mirror = new LocalMirror().serve("/d/file.bin", body)) {
      List<URI> urls = List.of(mirror.base("/d/file.bin"));
      IOException e = assertThrows(IOException.class,
          () -> new HttpDownload().download(urls, target, HttpDownload.md5Is(md5(body))));
      assertTrue(e.getMessage().startsWith("file.bin could not be downloaded: "), e.getMessage());
      assertTrue(e.getMessage().contains("MD5 is "), e.getMessage());
      assertEquals(List.of(), List.of(tmp.toFile().list()));

      new HttpDownload().download(urls, target, HttpDownload.md5Is(md5(body)));
      assertEquals(List.of("bytes=4000-", ""), mirror.ranges());
    }
    assertArrayEquals(body, Files.readAllBytes(target));
  }

  @Test
  void aPartHoldingTheWholeFileIsCheckedAndKept() throws Exception {
    byte[] body = randomBytes(5_000);
    Path target = tmp.resolve("file.bin");
    Files.write(tmp.resolve("file.bin.part"), body);
    try (LocalMirror mirror = new LocalMirror().serve("/d/file.bin", body)) {
      new HttpDownload().download(List.of(mirror.base("/d/file.bin")), target, HttpDownload.md5Is(md5(body)));
      assertEquals(List.of("bytes=5000-"), mirror.ranges());
    }
    assertArrayEquals(body, Files.readAllBytes(target));
  }
}
