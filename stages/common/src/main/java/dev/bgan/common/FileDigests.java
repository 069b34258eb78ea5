package dev.bgan.common;

import java.nio.file.Path;
import java.util.function.Function;

/**
 * Digests of files, computed or remembered. {@link #COMPUTED} reads every file every time; a
 * {@code FileDigestCache} of the artifact store remembers a digest for as long as the file's
 * size, times and inode stay what they were when it was computed.
 */
@FunctionalInterface
public interface FileDigests {
  /** The digest that reads every file. */
  FileDigests COMPUTED = (file, kind, compute) -> compute.apply(file);

  /**
   * The digest {@code kind} (e.g. {@code sha256}; one name per function) of {@code file}:
   * {@code compute} applied to it, or the value it gave for this very state of the file.
   */
  String digest(Path file, String kind, Function<Path, String> compute);

  /** The SHA-256 of the file's bytes. */
  default String sha256(Path file) {
    return digest(file, "sha256", Sha256::ofFile);
  }
}
