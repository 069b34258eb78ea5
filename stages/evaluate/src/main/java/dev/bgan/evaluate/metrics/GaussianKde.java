package dev.bgan.evaluate.metrics;

/**
 * A two-dimensional Gaussian kernel density estimate with Scott's bandwidth, as {@code
 * scipy.stats.gaussian_kde(points.T)}: kernel covariance = the points' covariance (ddof 1) times
 * {@code n^(-1/(d+4))^2}, equal weights, a normalised density.
 *
 * <p>Evaluated on a grid, which is all the JS divergence needs, without scipy's n x m exponentials:
 * along a grid row the exponent of one kernel is a quadratic in the column index, so from the
 * row's peak outwards each value is the previous one times a ratio that itself shrinks by a
 * constant factor. Two multiplications per cell, and a walk stops once a kernel's value falls below
 * {@code exp(-}{@value #CUTOFF}{@code )} of its peak, far below the 1e-10 to which densities are
 * clipped (rounding of the products stays near 1e-13 relative).
 */
final class GaussianKde {
  static final double CUTOFF = 100;
  private static final double TINY = Math.exp(-CUTOFF);

  private final double[][] points;
  private final double varX;
  private final double varY;
  private final double covXY;

  private GaussianKde(double[][] points, double varX, double varY, double covXY) {
    this.points = points;
    this.varX = varX;
    this.varY = varY;
    this.covXY = covXY;
  }

  /** Scott's rule on {@code points} (n x 2, n >= 2, not all on one line). */
  static GaussianKde scott(String what, double[][] points) {
    int d = PointSets.columns(what, points, 2);
    if (d != 2) {
      throw new IllegalArgumentException(what + ": the KDE is two-dimensional, got " + d + " columns");
    }
    int n = points.length;
    double mx = 0;
    double my = 0;
    for (double[] p : points) {
      mx += p[0];
      my += p[1];
    }
    mx /= n;
    my /= n;
    double sxx = 0;
    double syy = 0;
    double sxy = 0;
    for (double[] p : points) {
      double dx = p[0] - mx;
      double dy = p[1] - my;
      sxx += dx * dx;
      syy += dy * dy;
      sxy += dx * dy;
    }
    double factor = Math.pow(n, -1.0 / (d + 4));
    double scale = factor * factor / (n - 1);
    double varX = sxx * scale;
    double varY = syy * scale;
    double covXY = sxy * scale;
    if (!(varX * varY - covXY * covXY > 0)) {
      throw new IllegalArgumentException(what + ": the points lie on a line or a point (singular covariance),"
          + " so their Gaussian KDE is undefined");
    }
    return new GaussianKde(points, varX, varY, covXY);
  }

  /** The density at every grid point, indexed {@code [y index][x index]}. */
  double[][] densityOnGrid(GridAxis xs, GridAxis ys) {
    double det = varX * varY - covXY * covXY;
    double pa = varY / det;
    double pb = -covXY / det;
    double pc = varX / det;
    double h = xs.delta();
    double q = Math.exp(-pa * h * h);
    int nx = xs.count();
    double[] gridY = new double[ys.count()];
    for (int j = 0; j < gridY.length; j++) {
      gridY[j] = ys.value(j);
    }
    double[][] sums = new double[gridY.length][nx];
    for (double[] p : points) {
      for (int j = 0; j < gridY.length; j++) {
        double dy = gridY[j] - p[1];
        if (0.5 * dy * dy / varY > CUTOFF) {
          continue; // the whole row is below the cutoff
        }
        // the exponent along the row is least at dx = -pb * dy / pa; start from the nearest column
        double peak = Math.rint((p[0] - pb * dy / pa - xs.start()) / h);
        int i0 = (int) Math.max(0, Math.min(nx - 1, peak));
        double dx = xs.value(i0) - p[0];
        double e0 = Math.exp(-0.5 * (pa * dx * dx + 2 * pb * dx * dy + pc * dy * dy));
        if (e0 < TINY) {
          continue;
        }
        double[] row = sums[j];
        row[i0] += e0;
        double e = e0;
        double ratio = Math.exp(-(pa * h * dx + 0.5 * pa * h * h + pb * h * dy));
        for (int i = i0 + 1; i < nx; i++) {
          e *= ratio;
          if (e < TINY) {
            break;
          }
          row[i] += e;
          ratio *= q;
        }
        e = e0;
        ratio = Math.exp(-(-pa * h * dx + 0.5 * pa * h * h - pb * h * dy));
        for (int i = i0 - 1; i >= 0; i--) {
          e *= ratio;
          if (e < TINY) {
            break;
          }
          row[i] += e;
          ratio *= q;
        }
      }
    }
    double norm = 1 / (2 * Math.PI * Math.sqrt(det)) / points.length;
    for (double[] row : sums) {
      for (int i = 0; i < nx; i++) {
        row[i] *= norm;
      }
    }
    return sums;
  }
}
