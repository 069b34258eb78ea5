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
    GaussianKde realKde = GaussianKde.scott("real points", real);
    GaussianKde fakeKde = GaussianKde.scott("fake points", fake);
    double minX = Double.POSITIVE_INFINITY;
    double maxX = Double.NEGATIVE_INFINITY;
    double minY = Double.POSITIVE_INFINITY;
    double maxY = Double.NEGATIVE_INFINITY;
    for (double[] p : real) {
      minX = Math.min(minX, p[0]);
      maxX = Math.max(maxX, p[0]);
      minY = Math.min(minY, p[1]);
      maxY = Math.max(maxY, p[1]);
    }
    GridAxis xs = GridAxis.arange(minX - MARGIN, maxX + MARGIN, STEP);
    GridAxis ys = GridAxis.arange(minY - MARGIN, maxY + MARGIN, STEP);
    double[][] p = realKde.densityOnGrid(xs, ys);
    double[][] q = fakeKde.densityOnGrid(xs, ys);
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

  private static double klTerm(double p, double q) {
    double ps = Math.max(p, EPS);
    double qs = Math.max(q, EPS);
    return ps * (Math.log(ps) - Math.log(qs));
  }
}
