package dev.bgan.artifact;

import dev.bgan.common.BadInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileStore;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.ReadOnlyFileSystemException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Failures of the store rather than of a stage: a store that cannot be written (a read-only mount,
 * another user's directory) and a full file system. Either becomes one line that names the store,
 * wherever in a stage (a Beam worker, a checkpoint write) the failing write happened.
 */
final class StoreFaults {
  private static final String[] FULL = {"no space left on device", "disk quota exceeded"};
  private static final String[] READ_ONLY = {"read-only file system", "permission denied", "operation not permitted"};

  private StoreFaults() {}

  /** The one-line error for {@code failure} if the store is what failed, else empty. */
  static Optional<BadInputException> translate(Path root, String doing, Throwable failure, long bytesWritten) {
    for (Throwable t : causes(failure)) {
      String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
      for (String full : FULL) {
        if (message.contains(full)) {
          return Optional.of(full(root, doing, bytesWritten));
        }
      }
    }
    for (Throwable t : causes(failure)) {
      if (t instanceof ReadOnlyFileSystemException
          || (t instanceof FileSystemException fs && inStore(root, fs) && (fs instanceof AccessDeniedException
              || containsAny(String.valueOf(fs.getReason()).toLowerCase(Locale.ROOT), READ_ONLY)))) {
        return Optional.of(readOnly(root, doing, t));
      }
    }
    return Optional.empty();
  }

  /** The one-line error for a store that refused a write. */
  static BadInputException readOnly(Path root, String doing, Throwable cause) {
    String reason = cause instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason()
        : cause instanceof AccessDeniedException ? "permission denied" : "read-only";
    return new BadInputException(root + ": cannot write to the artifact store (" + reason.toLowerCase(Locale.ROOT)
        + "); it can be listed and verified, but " + doing + " needs write access", cause);
  }

  private static BadInputException full(Path root, String doing, long bytesWritten) {
    long free = -1;
    try {
      FileStore store = Files.getFileStore(root);
      free = store.getUsableSpace();
    } catch (IOException e) {
      // The free space is only information for the message.
    }
    return new BadInputException(root + ": no space left on the artifact store's file system while " + doing
        + ": it needs more than " + megabytes(bytesWritten) + " (written when the disk filled), "
        + (free < 0 ? "unknown" : megabytes(free)) + " free; nothing was published and the draft was removed");
  }

  static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
  }

  /** Bytes under {@code dir}, 0 if it does not exist. */
  static long sizeOf(Path dir) {
    if (!Files.exists(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(f -> {
        try {
          return Files.size(f);
        } catch (IOException e) {
          return 0;
        }
      }).sum();
    } catch (IOException | UncheckedIOException e) {
      return 0;
    }
  }

  private static boolean inStore(Path root, FileSystemException e) {
    return e.getFile() == null || Path.of(e.getFile()).toAbsolutePath().normalize().startsWith(root);
  }

  private static boolean containsAny(String text, String[] needles) {
    for (String needle : needles) {
      if (text.contains(needle)) {
        return true;
      }
    }
    return false;
  }

  /** The failure, its causes and its suppressed exceptions, each once. */
  private static Iterable<Throwable> causes(Throwable failure) {
    Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    Deque<Throwable> todo = new ArrayDeque<>();
    todo.add(failure);
    java.util.List<Throwable> out = new java.util.ArrayList<>();
    while (!todo.isEmpty()) {
      Throwable t = todo.poll();
      if (t == null || !seen.add(t)) {
        continue;
      }
      out.add(t);
      if (t.getCause() != null) {
        todo.add(t.getCause());
      }
      todo.addAll(java.util.Arrays.asList(t.getSuppressed()));
    }
    return out;
  }
}
