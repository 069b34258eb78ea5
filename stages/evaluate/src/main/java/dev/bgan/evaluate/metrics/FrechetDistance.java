package dev.bgan.evaluate.metrics;

import static org.bytedeco.openblas.global.openblas.CblasColMajor;
import static org.bytedeco.openblas.global.openblas.CblasLeft;
import static org.bytedeco.openblas.global.openblas.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas.CblasTrans;
import static org.bytedeco.openblas.global.openblas.CblasUpper;
import static org.bytedeco.openblas.global.openblas.cblas_dgemm;
import static org.bytedeco.openblas.global.openblas.cblas_dscal;
import static org.bytedeco.openblas.global.openblas.cblas_dsymm;

import dev.bgan.evaluate.linalg.OpenBlas;
import dev.bgan.evaluate.linalg.SymmetricMatrices;
import org.bytedeco.javacpp.DoublePointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Frechet distance of two Gaussians fitted to feature sets (FID when the features are
 * Inception pool3's): |mu1 - mu2|^2 + Tr S1 + Tr S2 - 2 Tr sqrt(S1 S2), float64 throughout.
 *
 * <p>Tr sqrt(S1 S2) is the sum of the square roots of the eigenvalues of S1 S2, which are those of
 * the symmetric sqrt(S1) S2 sqrt(S1) (ALGORITHMS.md): what pytorch-fid gets from scipy's general
 * {@code sqrtm}, by two symmetric eigendecompositions on OpenBLAS/LAPACK ({@link OpenBlas} says
 * how many threads each step runs on). S1 = V L V^T (DSYEVD);
 * with B = V L^1/2, B^T S2 B = V^T (sqrt(S1) S2 sqrt(S1)) V has the same eigenvalues (DSYMM, DGEMM),
 * and DSYEVD without vectors gives them. Covariances are positive semi-definite, so their negative
 * eigenvalues are rounding and are clipped to zero; a negative eigenvalue beyond rounding ({@value
 * #NEGATIVE_TOLERANCE} of the largest) is logged. As pytorch-fid, a non-finite result is retried
 * once with {@value #OFFSET} I added to both covariances, with a warning; fewer samples than
 * dimensions (a rank-deficient covariance) is warned about too.
 */
public final class FrechetDistance {
  static final double OFFSET = 1e-6;
  static final double NEGATIVE_TOLERANCE = 1e-10;
  private static final Logger LOG = LoggerFactory.getLogger(FrechetDistance.class);

  private FrechetDistance() {}

  /** The FID of two feature sets (n x d each, same d). */
  public static double between(double[][] a, double[][] b) {
    return fromStatistics(FeatureStatistics.of(a), FeatureStatistics.of(b));
  }

  /** The FID of two Gaussians given by their statistics. */
  public static double fromStatistics(FeatureStatistics a, FeatureStatistics b) {
    int d = a.dimensions();
    if (b.dimensions() != d) {
      throw new IllegalArgumentException("the feature sets have " + d + " and " + b.dimensions() + " dimensions");
    }
    finite("the first set's statistics", a);
    finite("the second set's statistics", b);
    for (FeatureStatistics s : new FeatureStatistics[] {a, b}) {
      if (s.count() > 0 && s.count() < d) {
        LOG.warn("{} samples of {}-dimensional features: the covariance is rank-deficient (rank <= {}),"
            + " so the FID is unreliable; use at least {} samples", s.count(), d, s.count() - 1, d);
      }
    }
    double distance = distance(a.mean(), b.mean(), a.covariance(), b.covariance());
    if (!Double.isFinite(distance)) {
      LOG.warn("FID is {}: adding {} to the diagonal of both covariances and computing it again", distance, OFFSET);
      double[] s1 = a.covariance().clone();
      double[] s2 = b.covariance().clone();
      for (int i = 0; i < d; i++) {
        s1[i * d + i] += OFFSET;
        s2[i * d + i] += OFFSET;
      }
      distance = distance(a.mean(), b.mean(), s1, s2);
    }
    return distance;
  }

  private static void finite(String what, FeatureStatistics s) {
    int d = s.dimensions();
    for (int i = 0; i < d; i++) {
      if (!Double.isFinite(s.mean()[i])) {
        throw new IllegalArgumentException(what + ": mean entry " + i + " is " + s.mean()[i]);
      }
    }
    double[] covariance = s.covariance();
    for (int i = 0; i < covariance.length; i++) {
      if (!Double.isFinite(covariance[i])) {
        throw new IllegalArgumentException(what + ": covariance entry (" + i / d + ", " + i % d + ") is " + covariance[i]);
      }
    }
  }

  private static double distance(double[] mu1, double[] mu2, double[] s1, double[] s2) {
    int d = mu1.length;
    double meanTerm = 0;
    for (int i = 0; i < d; i++) {
      double diff = mu1[i] - mu2[i];
      meanTerm += diff * diff;
    }
    return meanTerm + SymmetricMatrices.trace(s1, d) + SymmetricMatrices.trace(s2, d)
        - 2 * traceSqrtProduct(s1, s2, d);
  }

  /** Tr sqrt(S1 S2) for symmetric positive semi-definite S1, S2 (d x d; upper triangles read). */
  static double traceSqrtProduct(double[] s1, double[] s2, int d) {
    long size = (long) d * d;
    try (DoublePointer b = new DoublePointer(s1);
        DoublePointer s2n = new DoublePointer(s2);
        DoublePointer c = new DoublePointer(size)) {
      double[] values = clipped(SymmetricMatrices.eigenInPlace(b, d, true), "S1");
      OpenBlas.parallel(() -> {
        for (int j = 0; j < d; j++) {
          // column j of V (column-major, contiguous) times sqrt(l_j): B = V L^1/2
          cblas_dscal(d, Math.sqrt(values[j]), b.getPointer((long) j * d), 1);
        }
        cblas_dsymm(CblasColMajor, CblasLeft, CblasUpper, d, d, 1.0, s2n, d, b, d, 0.0, c, d); // C = S2 B
        cblas_dgemm(CblasColMajor, CblasTrans, CblasNoTrans, d, d, d, 1.0, b, d, c, d, 0.0, s2n, d); // B^T C
        return null;
      });
      double trace = 0;
      for (double value : clipped(SymmetricMatrices.eigenInPlace(s2n, d, false), "S1^1/2 S2 S1^1/2")) {
        trace += Math.sqrt(value);
      }
      return trace;
    }
  }

  /** Eigenvalues of a positive semi-definite matrix with the negative ones (rounding) set to 0. */
  private static double[] clipped(double[] values, String matrix) {
    double largest = 0;
    for (double value : values) {
      largest = Math.max(largest, Math.abs(value));
    }
    for (int i = 0; i < values.length; i++) {
      if (values[i] < -NEGATIVE_TOLERANCE * largest) {
        LOG.warn("eigenvalue {} of {} (largest {}) is negative beyond rounding: clipped to 0", values[i], matrix, largest);
      }
      values[i] = Math.max(values[i], 0);
    }
    return values;
  }
}
