package dev.bgan.prepare.cifar;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The plain values Pyrolite makes of a pickle (String for str, and for a Python 2 str; byte[] for
 * bytes; Integer, Long or BigInteger for int; Object[] for tuple), read as what a CIFAR pickle
 * holds. Errors name types as Python does, since that is what the file was written with.
 */
final class PickleValues {
  private static final int LATIN1_MAX = 0xff;

  private PickleValues() {}

  static String typeName(Object value) {
    if (value == null) {
      return "None";
    }
    if (value instanceof String) {
      return "str";
    }
    if (value instanceof byte[]) {
      return "bytes";
    }
    if (value instanceof Integer || value instanceof Long || value instanceof BigInteger) {
      return "int";
    }
    if (value instanceof Boolean) {
      return "bool";
    }
    if (value instanceof Double) {
      return "float";
    }
    if (value instanceof Object[]) {
      return "tuple";
    }
    if (value instanceof List<?>) {
      return "list";
    }
    if (value instanceof Map<?, ?>) {
      return "dict";
    }
    if (value instanceof Set<?>) {
      return "set";
    }
    if (value instanceof NumpyArray) {
      return "numpy.ndarray";
    }
    if (value instanceof NumpyDtype) {
      return "numpy.dtype";
    }
    return value.getClass().getSimpleName();
  }

  /** The type name with its article, "an int", "a list", or "None": for "X is ..." in messages. */
  static String aTypeName(Object value) {
    return value == null ? "None" : withArticle(typeName(value));
  }

  /** "an int64", "a uint8": the type names here that start with a vowel sound start with a, e, i or o. */
  static String withArticle(String noun) {
    return ("aeio".indexOf(Character.toLowerCase(noun.charAt(0))) >= 0 ? "an " : "a ") + noun;
  }

  /**
   * A str, or bytes read as latin-1: a key or a name. Python 2 pickles, such as the official
   * batches, have str where Python 3 writes bytes.
   */
  static String text(Object value, String what) {
    if (value instanceof String text) {
      return text;
    }
    if (value instanceof byte[] bytes) {
      return new String(bytes, StandardCharsets.ISO_8859_1);
    }
    throw new PickleContentException(what + " is " + aTypeName(value) + ", expected str or bytes");
  }

  /**
   * Bytes, or a str each of whose characters is one byte: Pyrolite reads a Python 2 str (BINSTRING)
   * as a String with one char per byte, and {@code _codecs.encode(s, 'latin1')}, which Python 3
   * writes for bytes under protocol 2, means exactly that conversion.
   */
  static byte[] bytes(Object value, String what) {
    if (value instanceof byte[] bytes) {
      return bytes;
    }
    if (value instanceof String text) {
      // The encoder writes '?' for any char above 255: text that survives the round trip (a
      // copy and a vectorised comparison) had none.
      byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
      if (!new String(bytes, StandardCharsets.ISO_8859_1).equals(text)) {
        for (int i = 0; i < text.length(); i++) {
          if (text.charAt(i) > LATIN1_MAX) {
            throw new PickleContentException(what + " is text with the character U+"
                + String.format("%04X", (int) text.charAt(i)) + " at position " + i + ", which is not one byte");
          }
        }
      }
      return bytes;
    }
    throw new PickleContentException(what + " is " + aTypeName(value) + ", expected bytes");
  }

  static long integer(Object value, String what) {
    if (value instanceof Integer || value instanceof Long) {
      return ((Number) value).longValue();
    }
    if (value instanceof BigInteger big && big.bitLength() < Long.SIZE) {
      return big.longValue();
    }
    throw new PickleContentException(what + " is " + (value instanceof BigInteger ? "the int " + value
        : aTypeName(value)) + ", expected an int that fits 64 bits");
  }

  static Object[] tuple(Object value, String what) {
    if (value instanceof Object[] tuple) {
      return tuple;
    }
    throw new PickleContentException(what + " is " + aTypeName(value) + ", expected a tuple");
  }

  /** The arguments a pickled call passes, checked to be {@code count} of them. */
  static Object[] args(Object[] args, int count, String callee) {
    if (args.length != count) {
      throw new PickleContentException("pickle calls " + callee + " with " + args.length + " arguments, expected "
          + count);
    }
    return args;
  }
}
