package dev.bgan.dataset;

import dev.bgan.common.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A numeric NumPy array read from a .npy file (format versions 1.0, 2.0 and 3.0), in memory.
 * Element types: bool, int8 to int64, uint8 to uint64, float32 and float64, either byte order;
 * C or Fortran order; any rank, 0 included. Values come out in C order (row-major, last index
 * fastest) whatever the file's order.
 *
 * <p>Everything else is refused with a one-line {@link BadInputException} naming the file:
 * object arrays (a pickle, which is code, and never loaded), strings, complex, float16, datetimes,
 * structured dtypes, a header that is not the dict literal numpy writes, a shape whose size
 * overflows, and data that is shorter or longer than the header says. Arrays of 2 GiB or more are
 * refused too: their data would not fit one Java array.
 */
public final class NpyArray {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  /** numpy's own reader refuses headers over 10,000 bytes unless told otherwise; this is more lenient, still bounded. */
  private static final int MAX_HEADER_BYTES = 1 << 16;
  private static final long MAX_DATA_BYTES = Integer.MAX_VALUE - 8;
  private static final Pattern DESCR = Pattern.compile("([<>|=]?)([a-zA-Z?])(\\d*)");

  /** The element types read, by numpy's name. */
  public enum Dtype {
    BOOL('b', 1), INT8('i', 1), UINT8('u', 1), INT16('i', 2), UINT16('u', 2), INT32('i', 4), UINT32('u', 4),
    INT64('i', 8), UINT64('u', 8), FLOAT32('f', 4), FLOAT64('f', 8);

    private final char kind;
    private final int itemSize;

    Dtype(char kind, int itemSize) {
      this.kind = kind;
      this.itemSize = itemSize;
    }

    public int itemSize() {
      return itemSize;
    }

    public boolean isFloat() {
      return kind == 'f';
    }

    /** numpy's name: bool, int8, uint16, float32... */
    public String numpyName() {
      if (this == BOOL) {
        return "bool";
      }
      String family = switch (kind) {
        case 'i' -> "int";
        case 'u' -> "uint";
        default -> "float";
      };
      return family + itemSize * Byte.SIZE;
    }

    static Dtype of(char kind, int itemSize) {
      for (Dtype dtype : values()) {
        if (dtype.kind == kind && dtype.itemSize == itemSize) {
          return dtype;
        }
      }
      return null;
    }
  }

  private final Path file;
  private final Dtype dtype;
  private final boolean fortranOrder;
  private final int[] shape;
  private final int size;
  private final ByteBuffer data;

  private NpyArray(Path file, Dtype dtype, ByteOrder byteOrder, boolean fortranOrder, int[] shape, int size, byte[] data) {
    this.file = file;
    this.dtype = dtype;
    this.fortranOrder = fortranOrder;
    this.shape = shape;
    this.size = size;
    this.data = ByteBuffer.wrap(data).order(byteOrder);
  }

  /** Reads and checks the whole file; any defect is a {@link BadInputException} naming it. */
  public static NpyArray read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      long fileSize = Files.size(file);
      byte[] prefix = in.readNBytes(8);
      if (!Arrays.equals(Arrays.copyOf(prefix, MAGIC.length), MAGIC)) {
        throw BadInputException.inFile(file, "not a .npy file (it does not start with \\x93NUMPY)");
      }
      if (prefix.length < 8) {
        throw BadInputException.inFile(file, "truncated: the file ends inside the format version");
      }
      int major = prefix[6] & 0xff;
      int minor = prefix[7] & 0xff;
      if (minor != 0 || major < 1 || major > 3) {
        throw BadInputException.inFile(file, "unsupported .npy format version " + major + "." + minor
            + " (1.0, 2.0 and 3.0 are read)");
      }
      int lengthBytes = major == 1 ? 2 : 4;
      ByteBuffer length = ByteBuffer.wrap(readExactly(in, file, lengthBytes, "the header length"))
          .order(ByteOrder.LITTLE_ENDIAN);
      long headerLength = major == 1 ? length.getShort() & 0xffffL : length.getInt() & 0xffffffffL;
      long dataStart = 8 + lengthBytes + headerLength;
      if (headerLength > MAX_HEADER_BYTES || dataStart > fileSize) {
        throw BadInputException.inFile(file, "the .npy header length is " + headerLength + " bytes, but the file has "
            + fileSize + " bytes" + (headerLength > MAX_HEADER_BYTES ? " (at most " + MAX_HEADER_BYTES + " are read)" : ""));
      }
      byte[] headerBytes = readExactly(in, file, (int) headerLength, "the header");
      // Versions 1 and 2 write the header in latin-1, version 3 in UTF-8.
      String headerText = new String(headerBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
      NpyHeader header = NpyHeader.parse(file, headerText);
      Matcher descr = DESCR.matcher(header.descr());
      Dtype dtype = descr.matches() ? dtypeOf(file, descr) : null;
      if (dtype == null) {
        throw unsupported(file, header.descr());
      }
      ByteOrder byteOrder = byteOrderOf(file, descr.group(1), dtype, header.descr());
      long count = Arrays.stream(header.shape()).anyMatch(dim -> dim == 0) ? 0 : 1;
      for (int dim : header.shape()) {
        // count stays below 2^31 before each step, so the product cannot overflow a long.
        count *= dim;
        if (count > MAX_DATA_BYTES / dtype.itemSize()) {
          throw BadInputException.inFile(file, "the .npy array of shape " + shapeText(header.shape()) + " and dtype "
              + dtype.numpyName() + " has 2 GiB of data or more, more than this reader holds in memory");
        }
      }
      long dataBytes = count * dtype.itemSize();
      if (fileSize - dataStart != dataBytes) {
        throw BadInputException.inFile(file, (fileSize - dataStart < dataBytes ? "truncated: " : "trailing bytes: ")
            + describe(dtype, header.shape()) + " needs " + dataBytes
            + " bytes of data, the file has " + (fileSize - dataStart));
      }
      byte[] data = readExactly(in, file, (int) dataBytes, "the data");
      return new NpyArray(file, dtype, byteOrder, header.fortranOrder(), header.shape(), (int) count, data);
    } catch (NoSuchFileException e) {
      throw BadInputException.inFile(file, "no such file");
    } catch (IOException e) {
      throw BadInputException.inFile(file, "cannot read: " + e.getMessage());
    }
  }

  private static Dtype dtypeOf(Path file, Matcher descr) {
    String kind = descr.group(2);
    if (kind.equals("O")) {
      throw BadInputException.inFile(file, "the .npy file holds an object array, which is a pickle; a pickle is code,"
          + " and none is loaded (save a numeric array instead)");
    }
    if (descr.group(3).isEmpty() || descr.group(3).length() > 2) {
      return null;
    }
    return Dtype.of(kind.charAt(0), Integer.parseInt(descr.group(3)));
  }

  private static ByteOrder byteOrderOf(Path file, String order, Dtype dtype, String descr) {
    if (dtype.itemSize() == 1) {
      return ByteOrder.LITTLE_ENDIAN;
    }
    return switch (order) {
      case "<" -> ByteOrder.LITTLE_ENDIAN;
      case ">" -> ByteOrder.BIG_ENDIAN;
      // numpy writes '<' or '>' for multi-byte types; '=' or '|' would be the writer's order, unknown here.
      default -> throw BadInputException.inFile(file, "the .npy dtype '" + descr
          + "' does not say its byte order ('<' or '>')");
    };
  }

  private static BadInputException unsupported(Path file, String descr) {
    String supported = Arrays.stream(Dtype.values()).map(Dtype::numpyName).collect(Collectors.joining(", "));
    return BadInputException.inFile(file, "the .npy dtype '" + descr + "' is not read (supported: " + supported + ")");
  }

  private static byte[] readExactly(InputStream in, Path file, int n, String what) throws IOException {
    byte[] bytes = in.readNBytes(n);
    if (bytes.length != n) {
      throw BadInputException.inFile(file, "truncated: the file ends inside " + what);
    }
    return bytes;
  }

  public Path file() {
    return file;
  }

  public Dtype dtype() {
    return dtype;
  }

  /** Whether the file stores the array in Fortran (column-major) order; values still come out in C order. */
  public boolean isFortranOrder() {
    return fortranOrder;
  }

  public int[] shape() {
    return shape.clone();
  }

  public int rank() {
    return shape.length;
  }

  /** The number of elements, the product of the shape (1 for a 0-d array). */
  public int size() {
    return size;
  }

  /** e.g. "a float64 array of shape (1797, 8, 8)", for messages. */
  public String describe() {
    return describe(dtype, shape);
  }

  private static String describe(Dtype dtype, int[] shape) {
    String name = dtype.numpyName();
    return (name.startsWith("int") ? "an " : "a ") + name + " array of shape " + shapeText(shape);
  }

  /** Python's tuple notation: (), (3,), (10000, 28, 28). */
  public static String shapeText(int[] shape) {
    String dims = Arrays.stream(shape).mapToObj(Integer::toString).collect(Collectors.joining(", "));
    return "(" + dims + (shape.length == 1 ? ",)" : ")");
  }

  /** Every value as a double, as numpy's {@code astype(float64)} gives it (bool: 0 or 1). */
  public double[] toDoubles() {
    double[] out = new double[size];
    forEachInCOrder((c, stored) -> out[c] = doubleAt(stored));
    return out;
  }

  /** Every value as a float, rounded once as numpy's {@code astype(float32)} rounds it. */
  public float[] toFloats() {
    float[] out = new float[size];
    forEachInCOrder((c, stored) -> out[c] = floatAt(stored));
    return out;
  }

  /**
   * Every value as a long. Floats must be whole numbers (2.0, not 2.5, NaN or infinity) and uint64
   * values below 2^63; any other value is a {@link BadInputException} naming its C-order index.
   */
  public long[] toLongs() {
    long[] out = new long[size];
    forEachInCOrder((c, stored) -> out[c] = longAt(stored, c));
    return out;
  }

  /**
   * Every value as an unsigned byte (read it with {@code & 0xff}): uint8 and bool arrays as they are,
   * other dtypes when every value is a whole number from 0 to 255. Scaling another range is the
   * caller's decision, so any other value is a {@link BadInputException} naming its index.
   */
  public byte[] toUint8() {
    byte[] out = new byte[size];
    if (dtype == Dtype.UINT8) {
      forEachInCOrder((c, stored) -> out[c] = data.get(stored));
      return out;
    }
    forEachInCOrder((c, stored) -> {
      long value = longAt(stored, c);
      if (value < 0 || value > 255) {
        throw BadInputException.inFile(file, "value " + value + " at index " + c + " of " + describe()
            + " is not a uint8 (0 to 255)");
      }
      out[c] = (byte) value;
    });
    return out;
  }

  private double doubleAt(int stored) {
    int at = stored * dtype.itemSize();
    return switch (dtype) {
      case FLOAT32 -> data.getFloat(at);
      case FLOAT64 -> data.getDouble(at);
      case UINT64 -> unsignedToDouble(data.getLong(at));
      default -> integerAt(at);
    };
  }

  private float floatAt(int stored) {
    int at = stored * dtype.itemSize();
    return switch (dtype) {
      case FLOAT32 -> data.getFloat(at);
      case FLOAT64 -> (float) data.getDouble(at);
      case UINT64 -> unsignedToFloat(data.getLong(at));
      default -> integerAt(at);
    };
  }

  private long longAt(int stored, int cIndex) {
    int at = stored * dtype.itemSize();
    if (dtype.isFloat()) {
      double value = dtype == Dtype.FLOAT32 ? data.getFloat(at) : data.getDouble(at);
      // 2^63 is the first double beyond the long range; every double below it in magnitude that equals its floor is exact.
      if (value != Math.rint(value) || Math.abs(value) >= 0x1p63) {
        throw BadInputException.inFile(file, "value " + value + " at index " + cIndex + " of " + describe()
            + " is not a whole number");
      }
      return (long) value;
    }
    long value = integerAt(at);
    if (dtype == Dtype.UINT64 && value < 0) {
      throw BadInputException.inFile(file, "value " + Long.toUnsignedString(value) + " at index " + cIndex + " of "
          + describe() + " is beyond the signed 64-bit range");
    }
    return value;
  }

  /** Integer or bool item at byte {@code at}; uint64 as its bits. */
  private long integerAt(int at) {
    return switch (dtype) {
      case BOOL -> data.get(at) != 0 ? 1 : 0;
      case INT8 -> data.get(at);
      case UINT8 -> data.get(at) & 0xffL;
      case INT16 -> data.getShort(at);
      case UINT16 -> data.getShort(at) & 0xffffL;
      case INT32 -> data.getInt(at);
      case UINT32 -> data.getInt(at) & 0xffffffffL;
      case INT64, UINT64 -> data.getLong(at);
      default -> throw new IllegalStateException(dtype + " is not an integer type");
    };
  }

  /** Halving with the lowest bit kept as a sticky bit leaves one correctly rounded conversion. */
  private static double unsignedToDouble(long bits) {
    return bits >= 0 ? bits : ((bits >>> 1) | (bits & 1)) * 2.0;
  }

  private static float unsignedToFloat(long bits) {
    return bits >= 0 ? bits : ((bits >>> 1) | (bits & 1)) * 2f;
  }

  private interface IndexAction {
    void at(int cIndex, int storedIndex);
  }

  /** Visits every element in C order with its index in the file's order. */
  private void forEachInCOrder(IndexAction action) {
    if (!fortranOrder || shape.length < 2) {
      for (int i = 0; i < size; i++) {
        action.at(i, i);
      }
      return;
    }
    int rank = shape.length;
    int[] stride = new int[rank];
    stride[0] = 1;
    for (int d = 1; d < rank; d++) {
      stride[d] = stride[d - 1] * shape[d - 1];
    }
    int[] index = new int[rank];
    int stored = 0;
    for (int c = 0; c < size; c++) {
      action.at(c, stored);
      for (int d = rank - 1; d >= 0; d--) {
        index[d]++;
        stored += stride[d];
        if (index[d] < shape[d]) {
          break;
        }
        stored -= stride[d] * shape[d];
        index[d] = 0;
      }
    }
  }
}
