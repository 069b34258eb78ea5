package dev.bgan.evaluate.metrics;

/** Checks shared by the metrics: a point set is a non-empty rectangular array of finite values. */
final class PointSets {
  private PointSets() {}

  /** The number of columns of {@code points}; fails naming {@code what} when the set is not usable. */
  static int columns(String what, double[][] points, int minRows) {
    if (points.length < minRows) {
      throw new IllegalArgumentException(what + ": needs at least " + minRows + " rows, got " + points.length);
    }
    int d = points[0].length;
    if (d == 0) {
      throw new IllegalArgumentException(what + ": rows have no columns");
    }
    for (int i = 0; i < points.length; i++) {
      if (points[i].length != d) {
        throw new IllegalArgumentException(what + ": row " + i + " has " + points[i].length + " columns, row 0 has " + d);
      }
      for (int c = 0; c < d; c++) {
        if (!Double.isFinite(points[i][c])) {
          throw new IllegalArgumentException(what + ": row " + i + " column " + c + " is " + points[i][c]);
        }
      }
    }
    return d;
  }
}
