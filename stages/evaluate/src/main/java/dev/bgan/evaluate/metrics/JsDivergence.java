package dev.bgan.evaluate.metrics;

/**
 * The Jensen-Shannon divergence of the reference's {@code analyze_div} (bgan_synth.py): PCA(2)
 * fitted on the real points and applied to the fakes; a grid over the real points' PCA range
 * widened by 3 on each side, step 0.1 ({@code np.arange} per axis); Scott's-rule Gaussian KDEs of
 * the real and of the fake points evaluated on it, each times dx * dy; values clipped below 1e-10
 * inside KL(p, q) = sum p (log p - log q); JS = (KL(p, m) + KL(q, m)) / 2 with m = (p + q) / 2.
 * Natural logarithms, so the value is at most log 2 plus the clipping's error.
 */
public final class JsDivergence {
  static final double STEP = 0.1;
  static final double MARGIN = 3.0;
  private static final double EPS = 1e-10;

  private JsDivergence() {}

  /** analyze_div's value for {@code real} and {@code fake} points (rows; the same d >= 2 columns). */
  public static double between(double[][] real, double[][] fake) {
    PrincipalPlane plane = PrincipalPlane.fit(real);
    return inPlane(plane.project(real), plane.project(fake));
  }

  /** The same on points already projected to the real points' PCA plane (n x 2 each). */
  public static double inPlane(double[][] real, double[][] fake) {
    return Reference.of(real).to(fake);
  }

  /**
   * The real side of analyze_div, computed once for many fake sets (a curve over training): the
   * grid over the real points' PCA range and their density on it, which cost as much as the fakes'.
   */
  public static final class Reference {
    private final GridAxis xs;
    private final GridAxis ys;
    private final double[][] p;

    private Reference(GridAxis xs, GridAxis ys, double[][] p) {
      this.xs = xs;
      this.ys = ys;
      this.p = p;
    }

    /** The reference of {@code real} points projected to their PCA plane (n x 2). */
    public static Reference of(double[][] real) {
      GaussianKde realKde = GaussianKde.scott("real points", real);
      double minX = Double.POSITIVE_INFINITY;
      double maxX = Double.NEGATIVE_INFINITY;
      double minY = Double.POSITIVE_INFINITY;
      double maxY = Double.NEGATIVE_INFINITY;
      for (double[] point : real) {
        minX = Math.min(minX, point[0]);
        maxX = Math.max(maxX, point[0]);
        minY = Math.min(minY, point[1]);
        maxY = Math.max(maxY, point[1]);
      }
      GridAxis xs = GridAxis.arange(minX - MARGIN, maxX + MARGIN, STEP);
      GridAxis ys = GridAxis.arange(minY - MARGIN, maxY + MARGIN, STEP);
      return new Reference(xs, ys, realKde.densityOnGrid(xs, ys));
    }

    /** The JS divergence of {@code fake} points, projected to the same plane (n x 2), from the real ones. */
    public double to(double[][] fake) {
      double[][] q = GaussianKde.scott("fake points", fake).densityOnGrid(xs, ys);
      double klPm = 0;
      double klQm = 0;
      for (int j = 0; j < p.length; j++) {
        for (int i = 0; i < p[j].length; i++) {
          // the reference multiplies the density by dx, then by dy
          double pi = p[j][i] * STEP * STEP;
          double qi = q[j][i] * STEP * STEP;
          double mi = (pi + qi) / 2;
          klPm += klTerm(pi, mi);
          klQm += klTerm(qi, mi);
        }
      }
      return (klPm + klQm) / 2;
    }
  }

  private static double klTerm(double p, double q) {
    double ps = Math.max(p, EPS);
    double qs = Math.max(q, EPS);
    return ps * (Math.log(ps) - Math.log(qs));
  }
}
