package dev.bgan.prepare.cifar;

import dev.bgan.common.BadInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The dict a CIFAR pickle holds, its keys as text: the official batches, pickled by Python 2, have
 * str keys ('data'), and the same dict pickled again by Python 3 has bytes keys (b'data').
 * Accessors check what a key holds; every defect is a one-line error naming the file.
 */
final class PickledDict {
  private final Path file;
  private final Map<String, Object> entries;

  private PickledDict(Path file, Map<String, Object> entries) {
    this.file = file;
    this.entries = entries;
  }

  static PickledDict read(Path file) {
    Object top = RestrictedUnpickler.load(file);
    if (!(top instanceof Map<?, ?> map)) {
      throw BadInputException.inFile(file, "holds " + PickleValues.aTypeName(top) + ", a CIFAR pickle holds a dict");
    }
    Map<String, Object> entries = new HashMap<>();
    try {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        String key = PickleValues.text(entry.getKey(), "a key of the dict");
        if (entries.put(key, entry.getValue()) != null) {
          throw new PickleContentException("holds the key '" + key + "' twice, as str and as bytes");
        }
      }
    } catch (PickleContentException e) {
      throw BadInputException.inFile(file, e.getMessage());
    }
    return new PickledDict(file, entries);
  }

  /** A numpy array that the pickle gave its state. */
  NumpyArray array(String key) {
    try {
      return arrayOf(key, require(key));
    } catch (PickleContentException e) {
      throw BadInputException.inFile(file, e.getMessage());
    }
  }

  /** A list of str or bytes, e.g. class names. */
  List<String> texts(String key) {
    try {
      List<String> texts = new ArrayList<>();
      for (Object item : listOf(key, require(key))) {
        texts.add(PickleValues.text(item, "an item of '" + key + "'"));
      }
      return texts;
    } catch (PickleContentException e) {
      throw BadInputException.inFile(file, e.getMessage());
    }
  }

  /** A list of ints or of numpy integer scalars, or a 1-D numpy integer array: labels. */
  long[] integers(String key) {
    try {
      Object value = require(key);
      if (value instanceof NumpyArray) {
        NumpyArray array = arrayOf(key, value);
        if (array.shape().length != 1) {
          throw new PickleContentException("'" + key + "' is " + array.describe() + ", expected one dimension");
        }
        long[] values = new long[array.shape()[0]];
        for (int i = 0; i < values.length; i++) {
          values[i] = array.integerAt(i);
        }
        return values;
      }
      List<?> items = listOf(key, value);
      long[] values = new long[items.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = PickleValues.integer(items.get(i), "item " + i + " of '" + key + "'");
      }
      return values;
    } catch (PickleContentException e) {
      throw BadInputException.inFile(file, e.getMessage());
    }
  }

  private Object require(String key) {
    if (!entries.containsKey(key)) {
      throw new PickleContentException("has no key '" + key + "' (it has " + new TreeSet<>(entries.keySet()) + ")");
    }
    return entries.get(key);
  }

  private static NumpyArray arrayOf(String key, Object value) {
    if (!(value instanceof NumpyArray array) || !array.isFilled()) {
      throw new PickleContentException("'" + key + "' is " + PickleValues.aTypeName(value)
          + (value instanceof NumpyArray ? " without data" : "") + ", expected a numpy array");
    }
    return array;
  }

  private static List<?> listOf(String key, Object value) {
    if (!(value instanceof List<?> list)) {
      throw new PickleContentException("'" + key + "' is " + PickleValues.aTypeName(value) + ", expected a list");
    }
    return list;
  }
}
