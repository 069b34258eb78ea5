package dev.bgan.prepare;

import dev.bgan.common.BadInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * Where each raw file in a store's sources directory came from (a URL, a package), remembered in a
 * {@code NAME.origin} file next to it: a file downloaded on an earlier run keeps its URL in the
 * manifests of later runs.
 */
public final class SourceOrigins {
  private static final String SUFFIX = ".origin";

  private SourceOrigins() {}

  /** The origin remembered for {@code name} in {@code dir}, or else the URI of {@code file}. */
  public static String recorded(Path dir, String name, Path file) {
    Path originFile = dir.resolve(name + SUFFIX);
    try {
      return Files.isRegularFile(originFile)
          ? Files.readString(originFile, StandardCharsets.UTF_8).trim()
          : file.toAbsolutePath().toUri().toString();
    } catch (IOException e) {
      throw BadInputException.inFile(originFile, "cannot read (" + e.getMessage() + ")");
    }
  }

  /** Remembers {@code origin} for {@code name} in {@code dir}, replacing the file atomically; returns it. */
  public static String remember(Path dir, String name, String origin) {
    Path originFile = dir.resolve(name + SUFFIX);
    Path partial = dir.resolve(name + SUFFIX + ".part-" + UUID.randomUUID());
    try {
      Files.writeString(partial, origin + "\n", StandardCharsets.UTF_8);
      Files.move(partial, originFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw BadInputException.inFile(originFile, "cannot write (" + e.getMessage() + ")");
    }
    return origin;
  }
}
