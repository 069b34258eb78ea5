package dev.bgan.prepare.cifar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bgan.common.BadInputException;
import dev.bgan.prepare.HttpDownload;
import dev.bgan.prepare.LocalMirror;
import dev.bgan.proto.SourceFile;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The store's copy of the archive: downloaded once from 127.0.0.1, then reused while it verifies. */
class Cifar10SourcesTest {
  @RegisterExtension static final Cifar10ArchiveServer SERVER = new Cifar10ArchiveServer();

  @TempDir Path dir;

  @Test
  void downloadsOnceThenReusesTheVerifiedArchive() {
    Cifar10Sources sources = new Cifar10Sources(new Cifar10Download(List.of(SERVER.url()), SERVER.md5()));
    int before = SERVER.mirror().requests();
    Cifar10Files files = sources.obtain(dir);
    assertEquals(1, SERVER.mirror().requests() - before);
    assertEquals(dir.resolve(Cifar10Files.FOLDER), files.dir());
    for (SourceFile source : files.sourceFiles()) {
      assertEquals(SERVER.url().toString(), source.getOrigin());
      assertEquals(SERVER.numpy().get("sha256." + source.getName()), source.getSha256());
    }
    Cifar10Files again = sources.obtain(dir);
    assertEquals(1, SERVER.mirror().requests() - before, "a verified archive is not downloaded again");
    assertEquals(files.sourceFiles(), again.sourceFiles(), "and its recorded origin is kept");
  }

  @Test
  void anArchiveThatDoesNotVerifyIsReplacedAndWhatCameFromItRemoved() throws IOException {
    Files.write(dir.resolve(Cifar10Files.ARCHIVE), new byte[] {1, 2, 3});
    Path stale = Files.createDirectories(dir.resolve(Cifar10Files.FOLDER)).resolve("data_batch_1");
    Files.write(stale, new byte[] {4});
    Cifar10Files files = new Cifar10Sources(new Cifar10Download(List.of(SERVER.url()), SERVER.md5())).obtain(dir);
    assertEquals(SERVER.md5(), HttpDownload.md5(dir.resolve(Cifar10Files.ARCHIVE)));
    assertEquals(SERVER.numpy().get("sha256.data_batch_1"), files.sourceFiles().get(0).getSha256());
  }

  @Test
  void noDownloadIsOneLine() {
    URI refused = LocalMirror.unreachable().resolve(Cifar10Files.ARCHIVE);
    Cifar10Sources sources = new Cifar10Sources(new Cifar10Download(List.of(refused), SERVER.md5()));
    BadInputException e = assertThrows(BadInputException.class, () -> sources.obtain(dir));
    assertEquals("CIFAR-10 could not be obtained: cifar-10-python.tar.gz could not be downloaded: " + refused
        + ": ConnectException", e.getMessage());
    assertFalse(Files.exists(dir.resolve(Cifar10Files.ARCHIVE)));
  }
}
