package dev.bgan.prepare;

import dev.bgan.common.BadInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * Where a raw file kept in the store came from (a URL, a package), remembered in a
 * {@code NAME.origin} file beside it, so that a later run that reuses the file records the same
 * origin in its manifest.
 */
public final class OriginFile {
  private static final String SUFFIX = ".origin";

  private OriginFile() {}

  /** The origin recorded for {@code file}, or {@code fallback} when none is. */
  public static String recorded(Path file, String fallback) {
    Path originFile = originFile(file);
    try {
      return Files.isRegularFile(originFile) ? Files.readString(originFile, StandardCharsets.UTF_8).trim() : fallback;
    } catch (IOException e) {
      throw BadInputException.inFile(originFile, "cannot read (" + e.getMessage() + ")");
    }
  }

  /** The origin recorded for {@code file}, or else its own file URI. */
  public static String recorded(Path file) {
    return recorded(file, file.toAbsolutePath().toUri().toString());
  }

  /** Records {@code origin} for {@code file}, replacing the record atomically; returns {@code origin}. */
  public static String remember(Path file, String origin) {
    Path originFile = originFile(file);
    Path partial = originFile.resolveSibling(originFile.getFileName() + ".part-" + UUID.randomUUID());
    try {
      Files.writeString(partial, origin + "\n", StandardCharsets.UTF_8);
      Files.move(partial, originFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw BadInputException.inFile(originFile, "cannot write (" + e.getMessage() + ")");
    }
    return origin;
  }

  private static Path originFile(Path file) {
    return file.resolveSibling(file.getFileName() + SUFFIX);
  }
}
