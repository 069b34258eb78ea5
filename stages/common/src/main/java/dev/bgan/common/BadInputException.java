package dev.bgan.common;

import java.nio.file.Path;

/**
 * A problem with what the user gave us (a file, a parameter, an id), as opposed to a bug. The CLI
 * prints its message as one line, without a stack trace, and exits non-zero.
 */
public final class BadInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BadInputException(String message) {
    super(message);
  }

  public BadInputException(String message, Throwable cause) {
    super(message, cause);
  }

  /** "FILE: PROBLEM", the one-line form every file error takes. */
  public static BadInputException inFile(Path file, String problem) {
    return new BadInputException(file + ": " + problem);
  }

  /** "parameter NAME: PROBLEM (got VALUE)". */
  public static BadInputException inParameter(String name, Object value, String problem) {
    return new BadInputException("parameter " + name + ": " + problem + " (got " + value + ")");
  }
}
