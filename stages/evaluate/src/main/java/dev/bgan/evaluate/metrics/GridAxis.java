package dev.bgan.evaluate.metrics;

/**
 * The values of numpy's {@code np.arange(start, stop, step)} for floats, bit for bit: {@code
 * ceil((stop - start) / step)} values, the first {@code start}, the others {@code start + i * delta}
 * with {@code delta = (start + step) - start} (numpy fills from the first two values).
 */
record GridAxis(double start, double delta, int count) {
  static GridAxis arange(double start, double stop, double step) {
    double length = Math.ceil((stop - start) / step);
    if (!(length > 0) || length > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("grid from " + start + " to " + stop + " in steps of " + step + " is empty or too long");
    }
    return new GridAxis(start, (start + step) - start, (int) length);
  }

  double value(int i) {
    return i == 0 ? start : start + i * delta;
  }
}
