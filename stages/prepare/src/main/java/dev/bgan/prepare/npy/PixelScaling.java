package dev.bgan.prepare.npy;

import dev.bgan.common.BadInputException;
import dev.bgan.dataset.NpyArray;
import java.io.Serializable;
import java.util.List;

/**
 * How image values of any numeric type become uint8 pixels, chosen once from the train and test
 * images together so that both splits scale alike:
 * <ul>
 *   <li>uint8: kept as they are;
 *   <li>bool: {@code x*255};
 *   <li>whole numbers (any integer dtype, or floats that are all whole) within 0..255: scaled so that
 *       their maximum M becomes 255, {@code x*255/M} (0..255 is then kept, scikit-learn's 0..16 digits
 *       become 0..255);
 *   <li>other floats within [0, 1]: {@code x*255}; within [-1, 1]: {@code (x+1)*127.5};
 *   <li>anything else: min-max, {@code (x-min)*255/(max-min)}.
 * </ul>
 * Every rule is {@code rint((x - lo) * 255 / (hi - lo))} in float64 with numpy's rounding (half to
 * even), which is how the tests compute it with numpy. NaN and infinities are refused.
 */
public record PixelScaling(double lo, double hi, String description) implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final String IDENTITY = "identity: uint8 values kept";

  /** The rule for the images of {@code arrays} (train, then test). */
  public static PixelScaling choose(List<NpyArray> arrays) {
    if (arrays.stream().allMatch(a -> a.dtype() == NpyArray.Dtype.UINT8)) {
      return new PixelScaling(0, 255, IDENTITY);
    }
    if (arrays.stream().allMatch(a -> a.dtype() == NpyArray.Dtype.BOOL)) {
      return new PixelScaling(0, 1, "x*255: bool");
    }
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    boolean whole = true;
    for (NpyArray array : arrays) {
      double[] values = array.toDoubles();
      for (int i = 0; i < values.length; i++) {
        double x = values[i];
        if (!Double.isFinite(x)) {
          throw BadInputException.inFile(array.file(), "value " + x + " at index " + i + " of " + array.describe()
              + ": image values must be finite");
        }
        min = Math.min(min, x);
        max = Math.max(max, x);
        whole &= x == Math.rint(x);
      }
    }
    if (whole && min >= 0 && max <= 255) {
      if (max == 255) {
        return new PixelScaling(0, 255, "identity: whole numbers within 0..255 kept");
      }
      double m = Math.max(max, 1);
      return new PixelScaling(0, m, "rint(x*255/" + format(m) + "): whole numbers within 0.." + format(max)
          + ", scaled so " + format(m) + " -> 255");
    }
    if (min >= 0 && max <= 1) {
      return new PixelScaling(0, 1, "rint(x*255): values within [0, 1]");
    }
    if (min >= -1 && max <= 1) {
      return new PixelScaling(-1, 1, "rint((x+1)*127.5): values within [-1, 1]");
    }
    if (max == min) {
      throw BadInputException.inFile(arrays.get(0).file(), "every image value is " + format(min) + ": nothing to scale");
    }
    return new PixelScaling(min, max, "rint((x-" + format(min) + ")*255/" + format(max - min) + "): min-max of values within ["
        + format(min) + ", " + format(max) + "]");
  }

  /** Every value of {@code array}, C order, as uint8 pixels. */
  public byte[] apply(NpyArray array) {
    if (description.equals(IDENTITY)) {
      return array.toUint8();
    }
    double[] values = array.toDoubles();
    byte[] out = new byte[values.length];
    double range = hi - lo;
    for (int i = 0; i < values.length; i++) {
      double y = Math.rint((values[i] - lo) * 255.0 / range);
      out[i] = (byte) Math.max(0, Math.min(255, y));
    }
    return out;
  }

  /** 16 rather than 16.0; other values as Java prints a double (shortest round-trip form, as Python's repr). */
  private static String format(double x) {
    return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x);
  }
}
