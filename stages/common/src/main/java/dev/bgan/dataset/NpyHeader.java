package dev.bgan.dataset;

import dev.bgan.common.BadInputException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The header of a .npy file: a Python dict literal with exactly the keys {@code descr},
 * {@code fortran_order} and {@code shape}. numpy reads it with {@code ast.literal_eval}; this parses
 * the subset of Python literals numpy writes (strings, integers, True/False/None, tuples, lists,
 * dicts), so that a header that is anything else is refused rather than guessed at.
 */
record NpyHeader(String descr, boolean fortranOrder, int[] shape) {
  private static final Set<String> KEYS = Set.of("descr", "fortran_order", "shape");
  /** Deeper nesting than this is no header numpy writes; the limit keeps hostile input off the stack. */
  private static final int MAX_DEPTH = 32;

  static NpyHeader parse(Path file, String text) {
    Parser parser = new Parser(file, text);
    Object value = parser.value(0);
    parser.skipSpace();
    if (parser.at < text.length()) {
      throw parser.error("text after the header's dict literal");
    }
    if (!(value instanceof Map<?, ?> dict)) {
      throw BadInputException.inFile(file, "the .npy header is not a dict literal: " + abbreviate(text));
    }
    if (!dict.keySet().equals(KEYS)) {
      throw BadInputException.inFile(file, "the .npy header has the keys " + dict.keySet()
          + ", expected exactly [descr, fortran_order, shape]");
    }
    Object descr = dict.get("descr");
    if (descr instanceof List<?>) {
      throw BadInputException.inFile(file, "the .npy file holds a structured (record) dtype " + abbreviate(String.valueOf(descr))
          + "; only plain numeric arrays are read");
    }
    if (!(descr instanceof String descrText)) {
      throw BadInputException.inFile(file, "the .npy header's descr is " + descr + ", expected a dtype string such as '<f4'");
    }
    if (!(dict.get("fortran_order") instanceof Boolean fortran)) {
      throw BadInputException.inFile(file, "the .npy header's fortran_order is " + dict.get("fortran_order")
          + ", expected True or False");
    }
    if (!(dict.get("shape") instanceof Tuple tuple)) {
      throw BadInputException.inFile(file, "the .npy header's shape is " + dict.get("shape") + ", expected a tuple");
    }
    int[] shape = new int[tuple.items().size()];
    for (int d = 0; d < shape.length; d++) {
      Object dim = tuple.items().get(d);
      if (!(dim instanceof BigInteger size)) {
        throw BadInputException.inFile(file, "dimension " + d + " of the .npy shape is " + dim + ", expected an integer");
      }
      if (size.signum() < 0 || size.compareTo(BigInteger.valueOf(Integer.MAX_VALUE)) > 0) {
        throw BadInputException.inFile(file, "dimension " + d + " of the .npy shape is " + size
            + ", expected 0 to " + Integer.MAX_VALUE);
      }
      shape[d] = size.intValueExact();
    }
    return new NpyHeader(descrText, fortran, shape);
  }

  private static String abbreviate(String text) {
    String oneLine = text.strip().replaceAll("\\s+", " ");
    return oneLine.length() <= 80 ? oneLine : oneLine.substring(0, 77) + "...";
  }

  /** A Python tuple, told apart from a list because a shape must be a tuple. */
  private record Tuple(List<Object> items) {
    @Override
    public String toString() {
      return items.toString().replace('[', '(').replace(']', ')');
    }
  }

  /** Python's None, which no header field may be. */
  private enum PythonNone {
    NONE;

    @Override
    public String toString() {
      return "None";
    }
  }

  private static final class Parser {
    private final Path file;
    private final String text;
    private int at;

    Parser(Path file, String text) {
      this.file = file;
      this.text = text;
    }

    Object value(int depth) {
      if (depth > MAX_DEPTH) {
        throw error("literals nested deeper than " + MAX_DEPTH);
      }
      skipSpace();
      if (at >= text.length()) {
        throw error("the header ends where a value was expected");
      }
      char c = text.charAt(at);
      return switch (c) {
        case '{' -> dict(depth);
        case '(' -> new Tuple(sequence(')', depth));
        case '[' -> sequence(']', depth);
        case '\'', '"' -> string();
        default -> c == '-' || c == '+' || Character.isDigit(c) ? integer() : name();
      };
    }

    private Map<String, Object> dict(int depth) {
      at++;
      Map<String, Object> dict = new LinkedHashMap<>();
      while (true) {
        skipSpace();
        if (consume('}')) {
          return dict;
        }
        if (!(value(depth + 1) instanceof String key)) {
          throw error("a dict key that is not a string");
        }
        skipSpace();
        expect(':');
        Object value = value(depth + 1);
        if (dict.put(key, value) != null) {
          throw error("the key '" + key + "' twice");
        }
        skipSpace();
        if (!consume(',')) {
          skipSpace();
          expect('}');
          return dict;
        }
      }
    }

    private List<Object> sequence(char close, int depth) {
      at++;
      List<Object> items = new ArrayList<>();
      while (true) {
        skipSpace();
        if (consume(close)) {
          return items;
        }
        items.add(value(depth + 1));
        skipSpace();
        if (!consume(',')) {
          skipSpace();
          expect(close);
          return items;
        }
      }
    }

    private String string() {
      char quote = text.charAt(at++);
      StringBuilder out = new StringBuilder();
      while (at < text.length()) {
        char c = text.charAt(at++);
        if (c == quote) {
          return out.toString();
        }
        if (c == '\\' || c == '\n') {
          // numpy's dtype strings never need escapes; refusing them keeps the grammar small.
          throw error("an escape or line break inside a string");
        }
        out.append(c);
      }
      throw error("a string that never ends");
    }

    private BigInteger integer() {
      int start = at;
      if (text.charAt(at) == '-' || text.charAt(at) == '+') {
        at++;
      }
      int digits = at;
      while (at < text.length() && Character.isDigit(text.charAt(at))) {
        at++;
      }
      if (at == digits || at - digits > 30) {
        throw error("a malformed or oversized integer");
      }
      BigInteger value = new BigInteger(text.substring(start, at));
      // Python 2's numpy wrote shapes such as (3L, 4L).
      if (at < text.length() && (text.charAt(at) == 'L' || text.charAt(at) == 'l')) {
        at++;
      }
      return value;
    }

    private Object name() {
      int start = at;
      while (at < text.length() && Character.isLetter(text.charAt(at))) {
        at++;
      }
      return switch (text.substring(start, at)) {
        case "True" -> Boolean.TRUE;
        case "False" -> Boolean.FALSE;
        case "None" -> PythonNone.NONE;
        default -> {
          at = start;
          throw error("something that is not a Python literal");
        }
      };
    }

    void skipSpace() {
      while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
        at++;
      }
    }

    private boolean consume(char c) {
      if (at < text.length() && text.charAt(at) == c) {
        at++;
        return true;
      }
      return false;
    }

    private void expect(char c) {
      if (!consume(c)) {
        throw error("'" + (at < text.length() ? text.charAt(at) : "end of header") + "' where '" + c + "' was expected");
      }
    }

    BadInputException error(String problem) {
      return BadInputException.inFile(file, "the .npy header is not a dict literal numpy writes (" + problem
          + " at character " + at + "): " + abbreviate(text));
    }
  }
}
