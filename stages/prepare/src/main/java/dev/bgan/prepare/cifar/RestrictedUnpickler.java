package dev.bgan.prepare.cifar;

import dev.bgan.common.BadInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;

/**
 * Pyrolite's unpickler, allowed to name only the globals a CIFAR pickle names. A pickle is a
 * program: its GLOBAL opcodes may name any callable ({@code os.system}, {@code builtins.eval}) and
 * REDUCE calls it. Pyrolite never calls Python, but it makes a Java object of whatever is named;
 * here every name is checked as its opcode is read, before anything is built, and any name but
 * the few that numpy's arrays, dtypes and scalars and Python's bytes are pickled with fails the
 * file. BUILD is given only to the numpy objects made here, never by reflection to whatever the
 * stack holds, and a declared length is checked against the file before Pyrolite allocates it.
 */
final class RestrictedUnpickler extends Unpickler {
  /**
   * The globals of a numpy array pickled by numpy 1 or 2, under protocols 0 to 5, from Python 2 or 3.
   * Python 3 writes bytes under protocols 0 to 2 as {@code _codecs.encode(text, 'latin1')}, and
   * empty bytes as {@code __builtin__.bytes()}.
   */
  private static final Map<String, IObjectConstructor> ALLOWED_GLOBALS = Map.of(
      "numpy.core.multiarray._reconstruct", NumpyArray.RECONSTRUCT,
      "numpy._core.multiarray._reconstruct", NumpyArray.RECONSTRUCT,
      "numpy.core.numeric._frombuffer", NumpyArray.FROM_BUFFER,
      "numpy._core.numeric._frombuffer", NumpyArray.FROM_BUFFER,
      "numpy.ndarray", NumpyArray.NDARRAY_TYPE,
      "numpy.dtype", NumpyDtype.CONSTRUCTOR,
      "numpy.core.multiarray.scalar", NumpyDtype.SCALAR,
      "numpy._core.multiarray.scalar", NumpyDtype.SCALAR,
      "_codecs.encode", RestrictedUnpickler::latin1Encode,
      "__builtin__.bytes", RestrictedUnpickler::emptyBytes);
  /** A CIFAR-10 batch is about 30 MB; the file is read whole. */
  private static final long MAX_FILE_BYTES = 1L << 30;

  private final Path file;
  private final int size;

  private RestrictedUnpickler(Path file, int size) {
    this.file = file;
    this.size = size;
  }

  /** The object the pickle in {@code file} describes; any defect is a one-line error naming the file. */
  static Object load(Path file) {
    byte[] bytes = readAll(file);
    RestrictedUnpickler unpickler = new RestrictedUnpickler(file, bytes.length);
    ByteArrayInputStream in = new ByteArrayInputStream(bytes);
    try {
      return unpickler.load(in);
    } catch (BadInputException e) {
      throw e;
    } catch (PickleContentException e) {
      throw BadInputException.inFile(file, e.getMessage());
    } catch (IOException | RuntimeException e) {
      // A pickle ends with STOP; whatever failed, a stream that ran out before it is a truncated file.
      if (in.available() == 0) {
        throw BadInputException.inFile(file, "truncated: the pickle ends after " + bytes.length
            + " bytes, before its STOP opcode");
      }
      throw BadInputException.inFile(file, "not a valid pickle (" + oneLine(e) + " at byte "
          + (bytes.length - in.available()) + ")");
    }
  }

  @Override
  protected Object dispatch(short key) throws IOException {
    switch (key) {
      case Opcodes.GLOBAL -> {
        String module = PickleUtils.readline(input);
        String name = PickleUtils.readline(input);
        stack.add(allowedGlobal(module, name));
      }
      case Opcodes.STACK_GLOBAL -> {
        Object name = stack.pop();
        Object module = stack.pop();
        if (!(module instanceof String m && name instanceof String n)) {
          throw new PickleContentException("pickle names a global by " + PickleValues.aTypeName(module) + " and "
              + PickleValues.aTypeName(name) + ", not by two str");
        }
        stack.add(allowedGlobal(m, n));
      }
      case Opcodes.INST -> {
        IObjectConstructor constructor = allowedGlobal(PickleUtils.readline(input), PickleUtils.readline(input));
        List<Object> args = stack.pop_all_since_marker();
        stack.add(constructor.construct(args.toArray()));
      }
      case Opcodes.BUILD -> {
        Object state = stack.pop();
        Object target = stack.peek();
        if (!(target instanceof PickleBuildTarget buildable)) {
          throw new PickleContentException("pickle sets the state of " + PickleValues.aTypeName(target)
              + ", which a CIFAR pickle never does");
        }
        buildable.setState(state);
      }
      case Opcodes.BINSTRING -> {
        requireDeclaredLengthFits(4);
        stack.add(new String(readCounted(), StandardCharsets.ISO_8859_1));
      }
      case Opcodes.BINUNICODE -> {
        requireDeclaredLengthFits(4);
        stack.add(utf8(readCounted()));
      }
      case Opcodes.BINBYTES, Opcodes.LONG4 -> {
        requireDeclaredLengthFits(4);
        return super.dispatch(key);
      }
      case Opcodes.BINUNICODE8, Opcodes.BINBYTES8, Opcodes.BYTEARRAY8 -> {
        requireDeclaredLengthFits(8);
        return super.dispatch(key);
      }
      default -> {
        return super.dispatch(key);
      }
    }
    return NO_RETURN_VALUE;
  }

  private IObjectConstructor allowedGlobal(String module, String name) {
    IObjectConstructor constructor = ALLOWED_GLOBALS.get(module + "." + name);
    if (constructor == null) {
      throw BadInputException.inFile(file, "pickle names the global " + module + "." + name
          + ", which a CIFAR batch never does");
    }
    return constructor;
  }

  /**
   * Pyrolite allocates the length a string opcode declares before reading it: a few hostile bytes
   * could ask for gigabytes. The length is checked against what the file has left first.
   */
  private void requireDeclaredLengthFits(int lengthBytes) throws IOException {
    input.mark(lengthBytes);
    byte[] prefix = input.readNBytes(lengthBytes);
    input.reset();
    int remaining = input.available() - lengthBytes;
    if (prefix.length < lengthBytes) {
      return; // Truncated inside the length itself: Pyrolite reports the end of the stream.
    }
    ByteBuffer buffer = ByteBuffer.wrap(prefix).order(ByteOrder.LITTLE_ENDIAN);
    long declared = lengthBytes == 4 ? buffer.getInt() & 0xffffffffL : buffer.getLong();
    if (declared < 0 || declared > remaining) {
      throw BadInputException.inFile(file, "truncated: the opcode at byte " + (size - input.available() - 1)
          + " declares " + Long.toUnsignedString(declared) + " bytes of data, but only " + remaining + " follow");
    }
  }

  /** The data of a string opcode with a 4-byte length, as Pyrolite reads it. */
  private byte[] readCounted() throws IOException {
    return PickleUtils.readbytes(input, PickleUtils.bytes_to_integer(PickleUtils.readbytes(input, 4)));
  }

  /**
   * UTF-8 text, the String Pyrolite's {@code new String(bytes, UTF_8)} makes. Python 3 writes an
   * array's 30 MB of pixels under protocol 2 as text whose every char is below 256 (see
   * {@link #latin1Encode}), about half of them two UTF-8 bytes long, in no predictable order: the
   * JDK decodes such text into two-byte chars, a mispredicted branch per byte. Text of chars below
   * 256 alone (well-formed UTF-8 of one and two bytes) is decoded here without branches into a
   * one-byte-per-char String; anything else, by the JDK as before.
   */
  static String utf8(byte[] bytes) {
    byte[] latin1 = new byte[bytes.length];
    int n = 0;
    int previous = 0;
    int previousLead = 0;
    int malformed = 0;
    for (byte value : bytes) {
      int b = value & 0xff;
      int high = -(b >>> 7); // all ones for 0x80..0xff
      int lead = (b + 0x40) >>> 8; // 1 for 0xc0..0xff
      int continuation = high & 1 & ~lead; // 1 for 0x80..0xbf
      int notC2orC3 = (((b & 0xfe) ^ 0xc2) + 0xff) >>> 8;
      // a continuation byte exactly after each lead byte, and lead bytes 0xc2 and 0xc3 alone
      malformed |= (continuation ^ previousLead) | (lead & notC2orC3);
      // A lead byte writes nothing that stays: its continuation overwrites it.
      latin1[n] = (byte) ((b & ~high) | ((((previous & 0x03) << 6) | (b & 0x3f)) & high));
      n += 1 - lead;
      previous = b;
      previousLead = lead;
    }
    if ((malformed | previousLead) != 0) {
      return new String(bytes, StandardCharsets.UTF_8);
    }
    return new String(latin1, 0, n, StandardCharsets.ISO_8859_1);
  }

  /** {@code _codecs.encode(text, 'latin1')}: how Python 3 pickles bytes under protocol 2. */
  private static Object latin1Encode(Object[] args) {
    PickleValues.args(args, 2, "_codecs.encode");
    String encoding = PickleValues.text(args[1], "the encoding of _codecs.encode");
    if (!encoding.equals("latin1")) {
      throw new PickleContentException("pickle encodes text as " + encoding + "; Python pickles bytes as latin1");
    }
    if (!(args[0] instanceof String text)) {
      throw new PickleContentException("pickle encodes " + PickleValues.aTypeName(args[0]) + ", expected a str");
    }
    return PickleValues.bytes(text, "text encoded as latin1");
  }

  /** {@code bytes()}: empty bytes, the only call of it Python writes. */
  private static Object emptyBytes(Object[] args) {
    PickleValues.args(args, 0, "bytes");
    return new byte[0];
  }

  private static byte[] readAll(Path file) {
    try {
      if (!Files.isRegularFile(file)) {
        throw BadInputException.inFile(file, "not found");
      }
      long bytes = Files.size(file);
      if (bytes > MAX_FILE_BYTES) {
        throw BadInputException.inFile(file, bytes + " bytes, more than a CIFAR pickle ever has");
      }
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw BadInputException.inFile(file, "cannot read (" + e.getMessage() + ")");
    }
  }

  private static String oneLine(Exception e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.replaceAll("\\s+", " ").trim();
  }
}
