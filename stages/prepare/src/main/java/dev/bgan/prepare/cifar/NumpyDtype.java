package dev.bgan.prepare.cifar;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.razorvine.pickle.IObjectConstructor;

/**
 * A numpy integer dtype as a pickle builds it: {@code numpy.dtype(code, align, copy)} with a code
 * such as "u1" or "i8", then BUILD with a state tuple whose second element is the byte order
 * ('|' where it does not matter, '<' or '>'). CIFAR pickles hold uint8 pixels and integer labels,
 * so any other dtype (float, object, string, structured) is refused when the dtype is made.
 */
final class NumpyDtype implements PickleBuildTarget {
  private static final Pattern INTEGER_CODE = Pattern.compile("([iu])([1248])");

  /** {@code numpy.dtype}. */
  static final IObjectConstructor CONSTRUCTOR = args -> {
    PickleValues.args(args, 3, "numpy.dtype");
    String code = PickleValues.text(args[0], "the code of a numpy.dtype");
    Matcher integer = INTEGER_CODE.matcher(code);
    if (!integer.matches()) {
      throw new PickleContentException("pickle holds numpy data of dtype '" + code
          + "'; CIFAR pickles hold only integers (uint8 pixels, integer labels)");
    }
    return new NumpyDtype(integer.group(1).equals("u"), Integer.parseInt(integer.group(2)));
  };

  /** {@code numpy.core.multiarray.scalar}: one integer of a dtype, e.g. a numpy.int64 label. */
  static final IObjectConstructor SCALAR = args -> {
    PickleValues.args(args, 2, "numpy scalar");
    if (!(args[0] instanceof NumpyDtype dtype)) {
      throw new PickleContentException("pickle makes a numpy scalar of " + PickleValues.aTypeName(args[0])
          + ", expected a numpy.dtype");
    }
    byte[] bytes = PickleValues.bytes(args[1], "the data of a numpy scalar");
    if (bytes.length != dtype.itemSize) {
      throw new PickleContentException("a numpy " + dtype.name() + " scalar has " + bytes.length
          + " bytes of data, expected " + dtype.itemSize);
    }
    return dtype.integerAt(bytes, 0);
  };

  private final boolean unsigned;
  private final int itemSize;
  private ByteOrder order = ByteOrder.LITTLE_ENDIAN;

  private NumpyDtype(boolean unsigned, int itemSize) {
    this.unsigned = unsigned;
    this.itemSize = itemSize;
  }

  /** State (version, byteorder, subarray, names, fields, elsize, alignment, flags[, metadata]). */
  @Override
  public void setState(Object state) {
    Object[] tuple = PickleValues.tuple(state, "the state of a numpy.dtype");
    if (tuple.length < 2) {
      throw new PickleContentException("the state of a numpy.dtype has " + tuple.length + " elements, expected 8 or 9");
    }
    String byteOrder = PickleValues.text(tuple[1], "the byte order of a numpy.dtype");
    order = switch (byteOrder) {
      case "|", "<" -> ByteOrder.LITTLE_ENDIAN;
      case ">" -> ByteOrder.BIG_ENDIAN;
      // numpy writes '<' or '>' for a multi-byte type; '=' would be the writer's native order, unknown here.
      default -> throw new PickleContentException("a numpy.dtype has the byte order '" + byteOrder
          + "', expected '|', '<' or '>'");
    };
  }

  /** numpy's name for it: uint8, int64... */
  String name() {
    return (unsigned ? "uint" : "int") + itemSize * Byte.SIZE;
  }

  int itemSize() {
    return itemSize;
  }

  boolean isUint8() {
    return unsigned && itemSize == 1;
  }

  /** Item {@code index} of {@code data}, items of this type back to back. */
  long integerAt(byte[] data, int index) {
    ByteBuffer buffer = ByteBuffer.wrap(data, index * itemSize, itemSize).order(order);
    long value = switch (itemSize) {
      case 1 -> unsigned ? buffer.get() & 0xffL : buffer.get();
      case 2 -> unsigned ? buffer.getShort() & 0xffffL : buffer.getShort();
      case 4 -> unsigned ? buffer.getInt() & 0xffffffffL : buffer.getInt();
      default -> buffer.getLong();
    };
    if (unsigned && value < 0) {
      throw new PickleContentException("a numpy uint64 value is " + Long.toUnsignedString(value)
          + ", beyond the 64-bit signed range");
    }
    return value;
  }
}
