package dev.bgan.prepare.cifar;

import dev.bgan.common.FileTrees;
import dev.bgan.prepare.LocalMirror;
import dev.bgan.testing.Cifar10TestFiles;
import dev.bgan.testing.Cifar10TestFiles.Style;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For a test class, a server on 127.0.0.1 that serves a CIFAR-10 archive of small Python 2-style
 * batches where the real one lives ({@code /kriz/cifar-10-python.tar.gz}), with what numpy says
 * of the batches and the archive's MD5. Register it as a static {@code @RegisterExtension} field.
 */
final class Cifar10ArchiveServer implements BeforeAllCallback, AfterAllCallback {
  private Path tmp;
  private LocalMirror mirror;
  private Cifar10TestFiles.Expected numpy;
  private String md5;

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    tmp = Files.createTempDirectory("cifar10-server");
    Path batches = tmp.resolve("batches");
    Path archive = tmp.resolve(Cifar10Files.ARCHIVE);
    numpy = Cifar10TestFiles.writeBatches(batches, Style.PYTHON2, List.of(3, 3, 3, 3, 3, 3), 1);
    md5 = Cifar10TestFiles.writeArchive(batches, archive).get("md5");
    mirror = new LocalMirror().serve("/kriz/" + Cifar10Files.ARCHIVE, Files.readAllBytes(archive));
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    mirror.close();
    FileTrees.deleteRecursively(tmp);
  }

  LocalMirror mirror() {
    return mirror;
  }

  /** What numpy says of the batches in the archive, and the SHA-256 of each file. */
  Cifar10TestFiles.Expected numpy() {
    return numpy;
  }

  String md5() {
    return md5;
  }

  URI url() {
    return mirror.base("/kriz/" + Cifar10Files.ARCHIVE);
  }
}
