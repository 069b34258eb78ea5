package dev.bgan.prepare;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bgan.common.BadInputException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.function.Executable;

/** Helpers for tests that damage copies of real IDX files. */
final class IdxTestFiles {
  private IdxTestFiles() {}

  static Path gzip(Path raw, Path target) {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(target), 1 << 16)) {
      Files.copy(raw, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return target;
  }

  static Path write(Path target, byte[] bytes) {
    try {
      return Files.write(target, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] bytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs {@code action}, expecting a one-line user error that names {@code file} and says {@code what}. */
  static String assertOneLineError(Path file, String what, Executable action) {
    BadInputException e = assertThrows(BadInputException.class, action);
    String message = e.getMessage();
    assertFalse(message.contains("\n"), "one line: " + message);
    assertTrue(message.contains(file.toString()), "names " + file + ": " + message);
    assertTrue(message.contains(what), "says '" + what + "': " + message);
    return message;
  }
}
