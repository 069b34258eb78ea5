package dev.bgan.prepare.svhn;

import dev.bgan.common.BadInputException;
import dev.bgan.common.Sha256;
import dev.bgan.proto.SourceFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SVHN .mat files in one directory, under their official names, and where each came from.
 * Whether a file is there and what it holds is for {@link SvhnMatReader} to say, when it is read.
 */
public final class SvhnFiles {
  public static final String TRAIN = "train_32x32.mat";
  public static final String TEST = "test_32x32.mat";
  /** 531131 more training images, optional. */
  public static final String EXTRA = "extra_32x32.mat";
  /**
   * MD5 of the official files, the hashes torchvision checks: no SHA-256 is published. Manifests
   * record each file's SHA-256 all the same.
   */
  public static final Map<String, String> OFFICIAL_MD5 = Map.of(
      TRAIN, "e26dedcc434d2e4c54c9b2d4a06d8373",
      TEST, "eb5a983be6a315427106f1b164d9cef3",
      EXTRA, "a93ce644f1a588dc4d68dda5feec44a7");

  private final Path dir;
  private final Map<String, String> origins;

  private SvhnFiles(Path dir, Map<String, String> origins) {
    this.dir = dir;
    this.origins = Map.copyOf(origins);
  }

  /** The files in {@code dir}, with their file URIs as origin; a one-line error if it is not a directory. */
  public static SvhnFiles locate(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw BadInputException.inFile(dir, "not a directory (expected " + TRAIN + " and " + TEST + " in it)");
    }
    return new SvhnFiles(dir, Map.of());
  }

  /** The names of the files a dataset with or without the extra images reads, in manifest order. */
  public static List<String> names(boolean withExtra) {
    return withExtra ? List.of(TRAIN, TEST, EXTRA) : List.of(TRAIN, TEST);
  }

  /** The same files with the given origins (URLs) instead of their file URIs. */
  public SvhnFiles withOrigins(Map<String, String> newOrigins) {
    Map<String, String> merged = new LinkedHashMap<>(origins);
    merged.putAll(newOrigins);
    return new SvhnFiles(dir, merged);
  }

  public Path path(String name) {
    if (!OFFICIAL_MD5.containsKey(name)) {
      throw new IllegalArgumentException("not an SVHN file name: " + name);
    }
    return dir.resolve(name);
  }

  /** Provenance of the files {@code names}: name, SHA-256, size and origin of each. */
  public List<SourceFile> sourceFiles(List<String> names) {
    return names.stream().map(this::sourceFile).toList();
  }

  private SourceFile sourceFile(String name) {
    Path file = path(name);
    try {
      return SourceFile.newBuilder()
          .setName(name)
          .setSha256(Sha256.ofFile(file))
          .setSizeBytes(Files.size(file))
          .setOrigin(origins.getOrDefault(name, file.toAbsolutePath().toUri().toString()))
          .build();
    } catch (IOException | UncheckedIOException e) {
      throw BadInputException.inFile(file, "cannot read (" + e.getMessage() + ")");
    }
  }
}
