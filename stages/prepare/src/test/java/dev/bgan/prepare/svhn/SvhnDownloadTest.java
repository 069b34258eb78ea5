package dev.bgan.prepare.svhn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bgan.prepare.LocalMirror;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads from a mirror on 127.0.0.1; the expected MD5s are those of the bytes served there. */
class SvhnDownloadTest {
  private static final byte[] TRAIN = "train bytes".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] OTHER = "other bytes".getBytes(StandardCharsets.US_ASCII);
  private static final Map<String, String> MD5 = Map.of(SvhnFiles.TRAIN, md5(TRAIN));
  private static LocalMirror mirror;

  @TempDir Path dir;

  @BeforeAll
  static void startMirror() {
    mirror = new LocalMirror()
        .serve("/svhn/" + SvhnFiles.TRAIN, TRAIN)
        .serve("/wrong/" + SvhnFiles.TRAIN, OTHER);
  }

  @AfterAll
  static void stopMirror() {
    mirror.close();
  }

  @Test
  void downloadsVerifiesAndRenamesIntoPlace() throws IOException {
    String origin = new SvhnDownload(List.of(mirror.base("/svhn/")), MD5).download(SvhnFiles.TRAIN, dir);
    assertEquals(mirror.base("/svhn/" + SvhnFiles.TRAIN).toString(), origin);
    assertEquals(List.of(SvhnFiles.TRAIN), fileNames());
    assertArrayEquals(TRAIN, Files.readAllBytes(dir.resolve(SvhnFiles.TRAIN)));
  }

  @Test
  void wrongContentIsRejectedAndNothingIsLeftBehind() throws IOException {
    SvhnDownload download = new SvhnDownload(List.of(mirror.base("/wrong/")), MD5);
    IOException e = assertThrows(IOException.class, () -> download.download(SvhnFiles.TRAIN, dir));
    assertEquals(SvhnFiles.TRAIN + " could not be downloaded: " + mirror.base("/wrong/" + SvhnFiles.TRAIN)
        + ": MD5 is " + md5(OTHER) + ", expected " + md5(TRAIN), e.getMessage());
    assertEquals(List.of(), fileNames());
  }

  @Test
  void unreachableOrMissingMirrorsFallBackToTheNext() throws IOException {
    URI refused = LocalMirror.unreachable();
    SvhnDownload download = new SvhnDownload(List.of(refused, mirror.base("/empty/"), mirror.base("/svhn")), MD5);
    assertEquals(mirror.base("/svhn/" + SvhnFiles.TRAIN).toString(), download.download(SvhnFiles.TRAIN, dir));
    assertEquals(List.of(SvhnFiles.TRAIN), fileNames());
  }

  @Test
  void onlyFilesWithAKnownMd5AreDownloaded() {
    SvhnDownload download = new SvhnDownload(List.of(mirror.base("/svhn/")), MD5);
    int requests = mirror.requests();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> download.download(SvhnFiles.TEST, dir));
    assertTrue(e.getMessage().startsWith("no MD5 known for test_32x32.mat"), e.getMessage());
    assertEquals(requests, mirror.requests());
  }

  @Test
  void theOfficialSiteUnlessTheSystemPropertyNamesOthers() {
    SvhnDownload standard = SvhnDownload.fromSystemProperties();
    assertEquals(List.of(URI.create("http://ufldl.stanford.edu/housenumbers/")), standard.mirrors());
    System.setProperty(SvhnDownload.MIRRORS_PROPERTY, "http://127.0.0.1:1/a");
    try {
      assertEquals(List.of(URI.create("http://127.0.0.1:1/a/")), SvhnDownload.fromSystemProperties().mirrors());
    } finally {
      System.clearProperty(SvhnDownload.MIRRORS_PROPERTY);
    }
  }

  private List<String> fileNames() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }

  static String md5(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
