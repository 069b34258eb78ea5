package dev.bgan.prepare.svhn;

import static dev.bgan.prepare.svhn.SvhnImages.CHANNELS;
import static dev.bgan.prepare.svhn.SvhnImages.IMAGE_BYTES;
import static dev.bgan.prepare.svhn.SvhnImages.SIDE;

import dev.bgan.common.BadInputException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.format.Mat5File;
import us.hebi.matlab.mat.types.Array;
import us.hebi.matlab.mat.types.MatFile;
import us.hebi.matlab.mat.types.MatlabType;
import us.hebi.matlab.mat.types.Matrix;
import us.hebi.matlab.mat.types.Source;
import us.hebi.matlab.mat.types.Sources;

/**
 * Reads one SVHN .mat file: MATLAB v5, compressed or not, either byte order (MFL parses it). It
 * must hold {@code X}, uint8 of shape (32, 32, 3, N), and {@code y}, N numeric labels 1..10 of
 * shape (N, 1) or (1, N), where 10 stands for the digit 0. MATLAB stores arrays column-major, so
 * pixel (h, w, c) of image n is element {@code h + 32 (w + 32 (c + 3 n))} of X; images come out
 * in HWC order, labels as 0..9. Every defect is a one-line {@link BadInputException} naming the
 * file: MFL's own exceptions never escape.
 */
public final class SvhnMatReader {
  public static final String IMAGES = "X";
  public static final String LABELS = "y";

  private static final int HEADER_BYTES = 128;
  /** A v7.3 file is HDF5 behind a 512-byte block that holds the MATLAB header. */
  private static final int HDF5_OFFSET = 512;
  private static final byte[] HDF5_SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
  private static final int ENDIAN_OFFSET = 126;
  private static final int MAX_COUNT = Integer.MAX_VALUE / IMAGE_BYTES;

  private SvhnMatReader() {}

  /** Every image and label of {@code file}, checked completely. */
  public static SvhnImages read(Path file) {
    requireMat5Header(file);
    List<String> names = new ArrayList<>();
    try (Mat5File mat = parse(file, names)) {
      Matrix x = images(file, variable(mat, IMAGES), names);
      int count = count(file, x.getDimensions());
      byte[] labels = labels(file, variable(mat, LABELS), names, count);
      return new SvhnImages(count, hwcPixels(x, count), labels);
    } catch (IOException e) {
      // Only closing can get here: parse() has turned every reading failure into a BadInputException.
      throw unreadable(file, e);
    }
  }

  /**
   * Refuses what MFL would misread or describe poorly: a missing file, a v7.3 (HDF5) file, and
   * anything without the 128-byte v5 header ending in the byte-order mark "IM" or "MI" (v4 files,
   * other formats).
   */
  private static void requireMat5Header(Path file) {
    if (!Files.isRegularFile(file)) {
      throw BadInputException.inFile(file, "not found");
    }
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(HDF5_OFFSET + HDF5_SIGNATURE.length);
    } catch (IOException e) {
      throw BadInputException.inFile(file, "cannot read (" + e.getMessage() + ")");
    }
    String text = new String(head, 0, Math.min(head.length, HEADER_BYTES), StandardCharsets.ISO_8859_1);
    boolean hdf5 = head.length == HDF5_OFFSET + HDF5_SIGNATURE.length
        && Arrays.equals(HDF5_SIGNATURE, Arrays.copyOfRange(head, HDF5_OFFSET, head.length));
    if (hdf5 || text.startsWith("MATLAB 7.3")) {
      throw BadInputException.inFile(file, "MATLAB v7.3 (HDF5) file; save it as v5 (scipy.io.savemat or MATLAB's"
          + " save -v7) or use the official SVHN files");
    }
    if (head.length < HEADER_BYTES) {
      throw BadInputException.inFile(file, "not a MAT-file: " + head.length + " bytes, shorter than the "
          + HEADER_BYTES + "-byte MATLAB v5 header");
    }
    String byteOrderMark = text.substring(ENDIAN_OFFSET, ENDIAN_OFFSET + 2);
    if (!byteOrderMark.equals("IM") && !byteOrderMark.equals("MI")) {
      throw BadInputException.inFile(file, "not a MATLAB v5 MAT-file (no byte-order mark IM or MI at byte "
          + ENDIAN_OFFSET + ")");
    }
  }

  /** Parses X and y only, so that other variables cost nothing; {@code names} gets every variable's name. */
  private static Mat5File parse(Path file, List<String> names) {
    try (Source source = Sources.openFile(file.toFile())) {
      return Mat5.newReader(source)
          .setEntryFilter(header -> {
            names.add(header.getName());
            return header.getName().equals(IMAGES) || header.getName().equals(LABELS);
          })
          .readMat();
    } catch (IOException | RuntimeException e) {
      throw unreadable(file, e);
    }
  }

  private static Array variable(MatFile mat, String name) {
    for (MatFile.Entry entry : mat.getEntries()) {
      if (entry.getName().equals(name)) {
        return entry.getValue();
      }
    }
    return null;
  }

  private static Matrix images(Path file, Array x, List<String> names) {
    if (x == null) {
      throw missing(file, IMAGES, "the images", names);
    }
    if (!(x instanceof Matrix matrix) || matrix.getType() != MatlabType.UInt8 || matrix.isLogical()
        || matrix.isComplex()) {
      throw BadInputException.inFile(file, "X is " + typeOf(x) + ", expected uint8 images");
    }
    return matrix;
  }

  /** (32, 32, 3, N), or (32, 32, 3) for one image: MATLAB drops trailing singleton dimensions. */
  private static int count(Path file, int[] dims) {
    boolean oneImage = dims.length == 3;
    if ((dims.length != 4 && !oneImage) || dims[0] != SIDE || dims[1] != SIDE || dims[2] != CHANNELS) {
      throw BadInputException.inFile(file, "X is " + shape(dims) + ", expected " + SIDE + "x" + SIDE + "x"
          + CHANNELS + "xN (height, width, channels, images)");
    }
    int count = oneImage ? 1 : dims[3];
    if (count == 0) {
      throw BadInputException.inFile(file, "X holds no images");
    }
    if (count > MAX_COUNT) {
      throw BadInputException.inFile(file, "X holds " + count + " images, more than the " + MAX_COUNT
          + " that can be loaded at once");
    }
    return count;
  }

  private static byte[] labels(Path file, Array y, List<String> names, int count) {
    if (y == null) {
      throw missing(file, LABELS, "the labels", names);
    }
    if (!(y instanceof Matrix matrix) || matrix.isLogical() || matrix.isComplex()) {
      throw BadInputException.inFile(file, "y is " + typeOf(y) + ", expected numeric labels");
    }
    int[] dims = y.getDimensions();
    if (dims.length != 2 || (dims[0] != 1 && dims[1] != 1)) {
      throw BadInputException.inFile(file, "y is " + shape(dims) + ", expected " + count + "x1 (one label per image)");
    }
    if (y.getNumElements() != count) {
      throw BadInputException.inFile(file, "X holds " + count + " images but y holds " + y.getNumElements()
          + " labels");
    }
    byte[] labels = new byte[count];
    for (int i = 0; i < count; i++) {
      double label = matrix.getDouble(i);
      if (!(label >= 1 && label <= 10 && label == Math.rint(label))) {
        throw BadInputException.inFile(file, "label " + number(label) + " of image " + i
            + " is outside 1..10 (10 stands for the digit 0)");
      }
      labels[i] = (byte) ((int) label % 10);
    }
    return labels;
  }

  /** X's column-major (h, w, c, n) elements, read in storage order, written in HWC order per image. */
  private static byte[] hwcPixels(Matrix x, int count) {
    byte[] hwc = new byte[count * IMAGE_BYTES];
    int element = 0;
    for (int n = 0; n < count; n++) {
      int image = n * IMAGE_BYTES;
      for (int c = 0; c < CHANNELS; c++) {
        for (int w = 0; w < SIDE; w++) {
          for (int h = 0; h < SIDE; h++) {
            hwc[image + (h * SIDE + w) * CHANNELS + c] = x.getByte(element++);
          }
        }
      }
    }
    return hwc;
  }

  private static BadInputException missing(Path file, String name, String what, List<String> names) {
    String found = names.isEmpty() ? "no variables" : "only " + String.join(", ", names);
    return BadInputException.inFile(file, "missing " + name + " (" + what + "); the file holds " + found);
  }

  /** MFL reports a file that ends too early, or whose lengths point past its end, as an EOFException. */
  private static BadInputException unreadable(Path file, Exception e) {
    Throwable root = e;
    boolean endOfFile = e instanceof EOFException;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
      endOfFile |= root instanceof EOFException;
    }
    if (endOfFile) {
      return new BadInputException(file + ": truncated or corrupt: the data ends inside a variable", e);
    }
    String message = root.getMessage() == null ? "" : ": " + root.getMessage().replaceAll("\\s+", " ").trim();
    return new BadInputException(file + ": corrupt MAT-file (" + root.getClass().getSimpleName() + message + ")", e);
  }

  private static String typeOf(Array array) {
    if (array instanceof Matrix matrix) {
      return (matrix.isComplex() ? "complex " : "") + (matrix.isLogical() ? "logical" : matrix.getType().toString());
    }
    return array.getType().toString();
  }

  private static String shape(int[] dims) {
    return Arrays.stream(dims).mapToObj(Integer::toString).collect(Collectors.joining("x"));
  }

  private static String number(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
  }
}
