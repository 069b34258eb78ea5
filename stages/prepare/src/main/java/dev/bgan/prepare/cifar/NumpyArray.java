package dev.bgan.prepare.cifar;

import java.util.Arrays;
import java.util.stream.Collectors;
import net.razorvine.pickle.IObjectConstructor;

/**
 * A C-ordered numpy integer array from a pickle. numpy pickles an array in one of two ways, and
 * both are read: {@code _reconstruct(ndarray, (0,), b'b')} makes an empty array that BUILD then
 * gives its state {@code (version, shape, dtype, is_fortran, raw data)} (protocols 0 to 4), or
 * {@code _frombuffer(data, dtype, shape, order)} makes it at once (protocol 5).
 */
final class NumpyArray implements PickleBuildTarget {
  /**
   * {@code numpy.ndarray}: only ever an argument to {@code _reconstruct}. numpy never calls it from
   * a pickle, so calling it is refused.
   */
  static final IObjectConstructor NDARRAY_TYPE = args -> {
    throw new PickleContentException("pickle calls numpy.ndarray itself, which numpy never does");
  };

  /** {@code numpy.core.multiarray._reconstruct}: an array whose state the pickle sets next. */
  static final IObjectConstructor RECONSTRUCT = args -> {
    PickleValues.args(args, 3, "numpy's _reconstruct");
    if (args[0] != NDARRAY_TYPE) {
      throw new PickleContentException("pickle reconstructs an array of the type " + PickleValues.typeName(args[0])
          + ", expected numpy.ndarray");
    }
    return new NumpyArray();
  };

  /** {@code numpy.core.numeric._frombuffer}: an array made whole from its data, dtype, shape and order. */
  static final IObjectConstructor FROM_BUFFER = args -> {
    PickleValues.args(args, 4, "numpy's _frombuffer");
    NumpyArray array = new NumpyArray();
    String order = PickleValues.text(args[3], "the order of a numpy array");
    array.fill(args[2], args[1], !order.equals("C"), args[0]);
    return array;
  };

  private int[] shape;
  private NumpyDtype dtype;
  private byte[] data;

  private NumpyArray() {}

  /** State (version, shape, dtype, is_fortran, raw data), or without the version as older numpy wrote it. */
  @Override
  public void setState(Object state) {
    Object[] tuple = PickleValues.tuple(state, "the state of a numpy array");
    if (tuple.length != 5 && tuple.length != 4) {
      throw new PickleContentException("the state of a numpy array has " + tuple.length + " elements, expected 5");
    }
    int at = tuple.length - 4;
    if (!(tuple[at + 2] instanceof Boolean fortran)) {
      throw new PickleContentException("the order flag of a numpy array is " + PickleValues.aTypeName(tuple[at + 2])
          + ", expected a bool");
    }
    fill(tuple[at], tuple[at + 1], fortran, tuple[at + 3]);
  }

  private void fill(Object shapeValue, Object dtypeValue, boolean fortranOrder, Object rawData) {
    if (data != null) {
      throw new PickleContentException("pickle sets the state of a numpy array twice");
    }
    if (!(dtypeValue instanceof NumpyDtype type)) {
      throw new PickleContentException("the dtype of a numpy array is " + PickleValues.aTypeName(dtypeValue)
          + ", expected a numpy.dtype");
    }
    Object[] dims = PickleValues.tuple(shapeValue, "the shape of a numpy array");
    int[] newShape = new int[dims.length];
    for (int d = 0; d < dims.length; d++) {
      long size = PickleValues.integer(dims[d], "dimension " + d + " of a numpy array");
      if (size < 0 || size > Integer.MAX_VALUE) {
        throw new PickleContentException("dimension " + d + " of a numpy array is " + size);
      }
      newShape[d] = (int) size;
    }
    if (fortranOrder && dims.length > 1) {
      throw new PickleContentException("pickle holds a Fortran-ordered numpy array; CIFAR arrays are C-ordered");
    }
    byte[] bytes = PickleValues.bytes(rawData, "the data of a numpy array");
    long expected = type.itemSize();
    for (int size : newShape) {
      // Capped at 2^32, which no byte array matches; a capped value times a dimension below 2^31 cannot overflow.
      expected = Math.min(expected * size, 1L << 32);
    }
    if (bytes.length != expected) {
      throw new PickleContentException("a numpy " + type.name() + " array of shape " + shapeText(newShape) + " has "
          + bytes.length + " bytes of data, expected " + (expected < 1L << 32 ? expected : "over 2^32"));
    }
    this.shape = newShape;
    this.dtype = type;
    this.data = bytes;
  }

  /** Whether the pickle gave the array its state; one it never did has neither shape nor data. */
  boolean isFilled() {
    return data != null;
  }

  int[] shape() {
    return shape.clone();
  }

  NumpyDtype dtype() {
    return dtype;
  }

  /** The raw items, C order; not copied, so that a 30 MB batch is not held twice. */
  byte[] data() {
    return data;
  }

  /** Item {@code index} in C order, for an integer array of any dtype. */
  long integerAt(int index) {
    return dtype.integerAt(data, index);
  }

  /** e.g. "a uint8 array of shape (10000, 3072)". */
  String describe() {
    return PickleValues.withArticle(dtype.name()) + " array of shape " + shapeText(shape);
  }

  /** Python's tuple notation: (3,), (10000, 3072). */
  static String shapeText(int[] shape) {
    String dims = Arrays.stream(shape).mapToObj(Integer::toString).collect(Collectors.joining(", "));
    return "(" + dims + (shape.length == 1 ? ",)" : ")");
  }
}
