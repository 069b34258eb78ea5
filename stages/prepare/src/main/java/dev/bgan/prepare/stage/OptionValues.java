package dev.bgan.prepare.stage;

import dev.bgan.common.BadInputException;
import java.util.Locale;
import java.util.Map;

/** Prepare's option values, which arrive as text (from the command line or a workflow), parsed or refused in one line. */
final class OptionValues {
  private OptionValues() {}

  /** A whole number >= 0 that fits an int, or {@code defaultValue} when the option is not given. */
  static int intValue(Map<String, String> options, String name, int defaultValue) {
    long value = longValue(options, name, defaultValue);
    if (value > Integer.MAX_VALUE) {
      throw BadInputException.inParameter(name, value, "must be at most " + Integer.MAX_VALUE);
    }
    return (int) value;
  }

  /** A whole number >= 0, or {@code defaultValue} when the option is not given. */
  static long longValue(Map<String, String> options, String name, long defaultValue) {
    String value = options.get(name);
    if (value == null) {
      return defaultValue;
    }
    try {
      long parsed = Long.parseLong(value.trim());
      if (parsed < 0) {
        throw BadInputException.inParameter(name, value, "must be >= 0");
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw BadInputException.inParameter(name, value, "must be a whole number");
    }
  }

  /** true or false (any case); false when the option is not given. */
  static boolean flag(Map<String, String> options, String name) {
    String value = options.getOrDefault(name, "false");
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw BadInputException.inParameter(name, value, "must be true or false");
    };
  }
}
