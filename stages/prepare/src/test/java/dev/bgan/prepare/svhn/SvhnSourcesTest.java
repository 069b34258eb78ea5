package dev.bgan.prepare.svhn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bgan.common.BadInputException;
import dev.bgan.prepare.LocalMirror;
import dev.bgan.proto.SourceFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store's SVHN copies: reused when they verify, downloaded from a mirror on 127.0.0.1 otherwise. */
class SvhnSourcesTest {
  private static final Map<String, byte[]> CONTENT = Map.of(
      SvhnFiles.TRAIN, bytes("train"), SvhnFiles.TEST, bytes("test"), SvhnFiles.EXTRA, bytes("extra"));

  @TempDir Path dir;
  private LocalMirror mirror;
  private SvhnSources sources;

  @BeforeEach
  void startMirror() {
    mirror = new LocalMirror();
    CONTENT.forEach((name, content) -> mirror.serve("/svhn/" + name, content));
    sources = new SvhnSources(new SvhnDownload(List.of(mirror.base("/svhn/")), Map.of(
        SvhnFiles.TRAIN, SvhnDownloadTest.md5(CONTENT.get(SvhnFiles.TRAIN)),
        SvhnFiles.TEST, SvhnDownloadTest.md5(CONTENT.get(SvhnFiles.TEST)),
        SvhnFiles.EXTRA, SvhnDownloadTest.md5(CONTENT.get(SvhnFiles.EXTRA)))));
  }

  @AfterEach
  void stopMirror() {
    mirror.close();
  }

  @Test
  void missingFilesAreDownloadedOnceAndRememberTheirUrl() throws IOException {
    SvhnFiles files = sources.obtain(dir, false);
    assertEquals(2, mirror.requests(), "train and test, not extra");
    assertArrayEquals(CONTENT.get(SvhnFiles.TRAIN), Files.readAllBytes(files.path(SvhnFiles.TRAIN)));
    assertTrue(Files.notExists(dir.resolve(SvhnFiles.EXTRA)));
    SvhnFiles again = sources.obtain(dir, false);
    assertEquals(2, mirror.requests(), "verified copies are reused");
    for (SvhnFiles obtained : List.of(files, again)) {
      assertEquals(List.of(mirror.base("/svhn/" + SvhnFiles.TRAIN).toString(), mirror.base("/svhn/" + SvhnFiles.TEST)
          .toString()), obtained.sourceFiles(SvhnFiles.names(false)).stream().map(SourceFile::getOrigin).toList());
    }
  }

  @Test
  void extraIsDownloadedWhenAsked() throws IOException {
    sources.obtain(dir, true);
    assertEquals(3, mirror.requests());
    assertArrayEquals(CONTENT.get(SvhnFiles.EXTRA), Files.readAllBytes(dir.resolve(SvhnFiles.EXTRA)));
  }

  @Test
  void aCopyThatDoesNotVerifyIsReplaced() throws IOException {
    sources.obtain(dir, false);
    Files.write(dir.resolve(SvhnFiles.TEST), bytes("damaged"));
    sources.obtain(dir, false);
    assertEquals(3, mirror.requests());
    assertArrayEquals(CONTENT.get(SvhnFiles.TEST), Files.readAllBytes(dir.resolve(SvhnFiles.TEST)));
  }

  @Test
  void filesPutThereByHandKeepTheirFileUri() throws IOException {
    for (String name : SvhnFiles.names(false)) {
      Files.write(dir.resolve(name), CONTENT.get(name));
    }
    SvhnFiles files = sources.obtain(dir, false);
    assertEquals(0, mirror.requests());
    assertEquals(dir.resolve(SvhnFiles.TRAIN).toUri().toString(),
        files.sourceFiles(List.of(SvhnFiles.TRAIN)).get(0).getOrigin());
  }

  @Test
  void anUnreachableSiteIsAOneLineError() {
    SvhnSources offline = new SvhnSources(new SvhnDownload(List.of(LocalMirror.unreachable()), SvhnFiles.OFFICIAL_MD5));
    BadInputException e = assertThrows(BadInputException.class, () -> offline.obtain(dir, false));
    assertTrue(e.getMessage().startsWith("SVHN could not be obtained: train_32x32.mat could not be downloaded: http://"),
        e.getMessage());
    assertTrue(e.getMessage().endsWith("/train_32x32.mat: ConnectException"), e.getMessage());
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
