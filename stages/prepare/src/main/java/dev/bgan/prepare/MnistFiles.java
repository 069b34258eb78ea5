package dev.bgan.prepare;

import dev.bgan.common.BadInputException;
import dev.bgan.common.FileDigests;
import dev.bgan.proto.SourceFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The four MNIST IDX files in one directory, each raw or gzip-compressed ({@code .gz}); where both
 * forms are present the raw one is used. Locating them checks that they exist, that their headers
 * have the right magic, and that each split has as many labels as images.
 */
public final class MnistFiles {
  public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
  public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
  public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
  public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";
  /** Canonical (raw) names, in the order manifests list them. */
  public static final List<String> NAMES = List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);
  /**
   * SHA-256 of the uncompressed content of the official files, the same whichever mirror or
   * package they come from.
   */
  public static final Map<String, String> RAW_SHA256 = Map.of(
      TRAIN_IMAGES, "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
      TRAIN_LABELS, "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
      TEST_IMAGES, "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
      TEST_LABELS, "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2");
  public static final String GZ = ".gz";
  /** The digest kind of {@link IdxFile#contentSha256}, for a {@link FileDigests} cache. */
  public static final String CONTENT_SHA256 = "idx-content-sha256";

  private final Map<String, Path> paths;
  private final Map<String, String> origins;
  private final FileDigests digests;

  private MnistFiles(Map<String, Path> paths, Map<String, String> origins, FileDigests digests) {
    this.paths = Map.copyOf(paths);
    this.origins = Map.copyOf(origins);
    this.digests = digests;
  }

  /** The files in {@code dir}, with their file URIs as origin; a one-line error if any is missing or defective. */
  public static MnistFiles locate(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw BadInputException.inFile(dir, "not a directory (expected the four MNIST IDX files in it)");
    }
    Map<String, Path> paths = new LinkedHashMap<>();
    Map<String, String> origins = new LinkedHashMap<>();
    for (String name : NAMES) {
      Path file = existing(dir, name);
      paths.put(name, file);
      origins.put(name, file.toAbsolutePath().toUri().toString());
    }
    MnistFiles files = new MnistFiles(paths, origins, FileDigests.COMPUTED);
    files.requireMatchingCounts(TRAIN_IMAGES, TRAIN_LABELS);
    files.requireMatchingCounts(TEST_IMAGES, TEST_LABELS);
    return files;
  }

  /** The file of {@code name} in {@code dir}, raw or compressed, or null when neither exists. */
  public static Path find(Path dir, String name) {
    for (Path candidate : List.of(dir.resolve(name), dir.resolve(name + GZ))) {
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  /** The same files with the given origins (URL or package) instead of their file URIs. */
  public MnistFiles withOrigins(Map<String, String> newOrigins) {
    Map<String, String> merged = new LinkedHashMap<>(origins);
    merged.putAll(newOrigins);
    return new MnistFiles(paths, merged, digests);
  }

  /** The same files, their content digests taken from {@code fileDigests} (a store's stat cache). */
  public MnistFiles withDigests(FileDigests fileDigests) {
    return new MnistFiles(paths, origins, fileDigests);
  }

  /** {@link IdxFile#contentSha256} of {@code file}, as {@code digests} knows or computes it. */
  public static String contentSha256(Path file, FileDigests digests) {
    return digests.digest(file, CONTENT_SHA256, IdxFile::contentSha256);
  }

  /** The file holding {@code name} (a canonical name), as found: raw or {@code .gz}. */
  public Path path(String name) {
    Path file = paths.get(name);
    if (file == null) {
      throw new IllegalArgumentException("not an MNIST file name: " + name);
    }
    return file;
  }

  public Path images(MnistSplit split) {
    return path(split.imagesName());
  }

  public Path labels(MnistSplit split) {
    return path(split.labelsName());
  }

  /**
   * Provenance of each file: canonical name, SHA-256 of its IDX content (decompressed, so the same
   * data raw or gzipped is the same source and gives the same cache key), size as given, origin.
   */
  public List<SourceFile> sourceFiles() {
    List<SourceFile> sources = new ArrayList<>();
    for (String name : NAMES) {
      Path file = paths.get(name);
      try {
        sources.add(SourceFile.newBuilder()
            .setName(name)
            .setSha256(contentSha256(file, digests))
            .setSizeBytes(Files.size(file))
            .setOrigin(origins.get(name))
            .build());
      } catch (IOException | UncheckedIOException e) {
        throw BadInputException.inFile(file, "cannot read (" + e.getMessage() + ")");
      }
    }
    return sources;
  }

  private static Path existing(Path dir, String name) {
    Path file = find(dir, name);
    if (file == null) {
      throw BadInputException.inFile(dir.resolve(name), "not found (nor " + name + GZ + ")");
    }
    return file;
  }

  private void requireMatchingCounts(String imagesName, String labelsName) {
    Path images = paths.get(imagesName);
    Path labels = paths.get(labelsName);
    long imageCount = IdxFile.readHeader(images, IdxFile.IMAGES_MAGIC).count();
    long labelCount = IdxFile.readHeader(labels, IdxFile.LABELS_MAGIC).count();
    if (imageCount != labelCount) {
      throw new BadInputException(images + " holds " + imageCount + " images but " + labels + " holds "
          + labelCount + " labels");
    }
  }
}
