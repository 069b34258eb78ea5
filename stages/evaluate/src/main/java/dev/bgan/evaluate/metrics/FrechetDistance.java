package dev.bgan.evaluate.metrics;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.CommonOps_MT_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Frechet distance of two Gaussians fitted to feature sets (FID when the features are
 * Inception pool3's): |mu1 - mu2|^2 + Tr S1 + Tr S2 - 2 Tr sqrt(S1 S2), float64 throughout.
 *
 * <p>Tr sqrt(S1 S2) is computed as Tr sqrt(sqrt(S1) S2 sqrt(S1)), which has the same eigenvalues
 * but is symmetric, so two symmetric eigendecompositions (EJML) do what pytorch-fid does with
 * scipy's general {@code sqrtm}: sqrt(S1) = V diag(sqrt(l)) V^T, then the sum of the square roots of
 * the eigenvalues of the symmetric product. Covariances are positive semi-definite, so their
 * negative eigenvalues are rounding and are clipped to zero; a negative eigenvalue beyond rounding
 * ({@value #NEGATIVE_TOLERANCE} of the largest) is logged. As pytorch-fid, a non-finite result is
 * retried once with {@value #OFFSET} I added to both covariances, with a warning; fewer samples than
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
    for (FeatureStatistics s : new FeatureStatistics[] {a, b}) {
      if (s.count() > 0 && s.count() < d) {
        LOG.warn("{} samples of {}-dimensional features: the covariance is rank-deficient (rank <= {}),"
            + " so the FID is unreliable; use at least {} samples", s.count(), d, s.count() - 1, d);
      }
    }
    double distance = distance(a.mean(), b.mean(), a.covariance(), b.covariance());
    if (!Double.isFinite(distance)) {
      LOG.warn("FID is {}: adding {} to the diagonal of both covariances and computing it again", distance, OFFSET);
      DMatrixRMaj s1 = a.covariance().copy();
      DMatrixRMaj s2 = b.covariance().copy();
      for (int i = 0; i < d; i++) {
        s1.add(i, i, OFFSET);
        s2.add(i, i, OFFSET);
      }
      distance = distance(a.mean(), b.mean(), s1, s2);
    }
    return distance;
  }

  private static double distance(double[] mu1, double[] mu2, DMatrixRMaj s1, DMatrixRMaj s2) {
    double meanTerm = 0;
    for (int i = 0; i < mu1.length; i++) {
      double diff = mu1[i] - mu2[i];
      meanTerm += diff * diff;
    }
    return meanTerm + CommonOps_DDRM.trace(s1) + CommonOps_DDRM.trace(s2) - 2 * traceSqrtProduct(s1, s2);
  }

  /** Tr sqrt(S1 S2) for symmetric positive semi-definite S1, S2. */
  static double traceSqrtProduct(DMatrixRMaj s1, DMatrixRMaj s2) {
    DMatrixRMaj root1 = symmetricSqrt(s1);
    DMatrixRMaj tmp = new DMatrixRMaj(s1.numRows, s1.numCols);
    DMatrixRMaj product = new DMatrixRMaj(s1.numRows, s1.numCols);
    CommonOps_MT_DDRM.mult(root1, s2, tmp);
    CommonOps_MT_DDRM.mult(tmp, root1, product);
    double trace = 0;
    for (double eigenvalue : eigenvalues(symmetrised(product), null)) {
      trace += Math.sqrt(eigenvalue);
    }
    return trace;
  }

  /** V diag(sqrt(l)) V^T of a symmetric positive semi-definite matrix. */
  static DMatrixRMaj symmetricSqrt(DMatrixRMaj s) {
    int d = s.numRows;
    DMatrixRMaj vectors = new DMatrixRMaj(d, d);
    double[] values = eigenvalues(symmetrised(s), vectors);
    DMatrixRMaj scaled = vectors.copy();
    for (int r = 0; r < d; r++) {
      for (int c = 0; c < d; c++) {
        scaled.data[r * d + c] *= Math.sqrt(values[c]);
      }
    }
    DMatrixRMaj root = new DMatrixRMaj(d, d);
    CommonOps_MT_DDRM.multTransB(scaled, vectors, root);
    return root;
  }

  /** The eigenvalues of symmetric {@code s}, negatives clipped to zero; the eigenvectors into the columns of {@code vectors}. */
  private static double[] eigenvalues(DMatrixRMaj s, DMatrixRMaj vectors) {
    int d = s.numRows;
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, vectors != null, true);
    if (!eig.decompose(s.copy())) {
      throw new IllegalStateException("the symmetric eigendecomposition of a " + d + " x " + d + " covariance failed");
    }
    double[] values = new double[d];
    double largest = 0;
    for (int i = 0; i < d; i++) {
      values[i] = eig.getEigenvalue(i).getReal();
      largest = Math.max(largest, Math.abs(values[i]));
    }
    for (int i = 0; i < d; i++) {
      if (values[i] < -NEGATIVE_TOLERANCE * largest) {
        LOG.warn("eigenvalue {} of a covariance (largest {}) is negative beyond rounding: clipped to 0", values[i], largest);
      }
      values[i] = Math.max(values[i], 0);
      if (vectors != null) {
        DMatrixRMaj v = eig.getEigenVector(i);
        for (int r = 0; r < d; r++) {
          vectors.data[r * d + i] = v.data[r];
        }
      }
    }
    return values;
  }

  private static DMatrixRMaj symmetrised(DMatrixRMaj m) {
    DMatrixRMaj t = new DMatrixRMaj(m.numCols, m.numRows);
    CommonOps_DDRM.transpose(m, t);
    CommonOps_DDRM.add(0.5, m, 0.5, t, t);
    return t;
  }
}
