package dev.bgan.prepare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bgan.testing.RealMnist;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads from a mirror on 127.0.0.1 that serves the real files, gzip'd. */
@Tag("real-data")
class MnistDownloadTest {
  private static final String NAME = MnistFiles.TEST_LABELS;
  private static LocalMirror mirror;

  @TempDir Path dir;

  @BeforeAll
  static void startMirror(@TempDir Path gzipped) {
    byte[] good = IdxTestFiles.bytes(IdxTestFiles.gzip(RealMnist.file(NAME), gzipped.resolve("good.gz")));
    byte[] wrongContent = IdxTestFiles.bytes(
        IdxTestFiles.gzip(RealMnist.file(MnistFiles.TRAIN_LABELS), gzipped.resolve("wrong.gz")));
    mirror = new LocalMirror()
        .serve("/mnist/" + NAME + ".gz", good)
        .serve("/wrong/" + NAME + ".gz", wrongContent)
        .serve("/garbage/" + NAME + ".gz", new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3, 4, 5, 6, 7});
  }

  @AfterAll
  static void stopMirror() {
    mirror.close();
  }

  @Test
  void downloadsVerifiesAndRenamesIntoPlace() throws IOException {
    String origin = new MnistDownload(List.of(mirror.base("/mnist/"))).download(NAME, dir);
    assertEquals(mirror.base("/mnist/" + NAME + ".gz").toString(), origin);
    assertEquals(List.of(NAME + ".gz"), fileNames());
    assertEquals(RealMnist.SHA256.get(NAME), IdxFile.contentSha256(dir.resolve(NAME + ".gz")));
  }

  @Test
  void wrongContentIsRejectedAndNothingIsLeftBehind() throws IOException {
    MnistDownload download = new MnistDownload(List.of(mirror.base("/wrong/"), mirror.base("/garbage/")));
    IOException e = assertThrows(IOException.class, () -> download.download(NAME, dir));
    assertTrue(e.getMessage().contains("/wrong/" + NAME + ".gz: SHA-256 of the decompressed content is "
        + RealMnist.SHA256.get(MnistFiles.TRAIN_LABELS) + ", expected " + RealMnist.SHA256.get(NAME)),
        e.getMessage());
    assertTrue(e.getMessage().endsWith("/garbage/" + NAME + ".gz: corrupt gzip data (invalid block type)"),
        e.getMessage());
    assertEquals(List.of(), fileNames());
  }

  @Test
  void unreachableOrMissingMirrorsFallBackToTheNext() throws IOException {
    URI refused = LocalMirror.unreachable();
    MnistDownload download = new MnistDownload(List.of(refused, mirror.base("/empty/"), mirror.base("/mnist")));
    String origin = download.download(NAME, dir);
    assertEquals(mirror.base("/mnist/" + NAME + ".gz").toString(), origin);
    assertEquals(List.of(NAME + ".gz"), fileNames());
  }

  @Test
  void failureNamesEveryMirrorAndWhy() {
    URI refused = LocalMirror.unreachable();
    MnistDownload download = new MnistDownload(List.of(refused, mirror.base("/empty/")));
    IOException e = assertThrows(IOException.class, () -> download.download(NAME, dir));
    assertTrue(e.getMessage().startsWith(NAME + ".gz could not be downloaded: " + refused.resolve(NAME + ".gz")
        + ": ConnectException"), e.getMessage());
    assertTrue(e.getMessage().endsWith("/empty/" + NAME + ".gz: HTTP 404"), e.getMessage());
  }

  @Test
  void standardMirrorsUnlessTheSystemPropertyNamesOthers() {
    assertEquals(MnistDownload.STANDARD_MIRRORS, MnistDownload.fromSystemProperties().mirrors());
    System.setProperty(MnistDownload.MIRRORS_PROPERTY, "http://127.0.0.1:1/a/, http://127.0.0.1:2/b");
    try {
      assertEquals(List.of(URI.create("http://127.0.0.1:1/a/"), URI.create("http://127.0.0.1:2/b/")),
          MnistDownload.fromSystemProperties().mirrors());
    } finally {
      System.clearProperty(MnistDownload.MIRRORS_PROPERTY);
    }
  }

  private List<String> fileNames() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }
}
