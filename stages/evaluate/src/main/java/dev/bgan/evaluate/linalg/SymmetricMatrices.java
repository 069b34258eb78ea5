package dev.bgan.evaluate.linalg;

import static org.bytedeco.openblas.global.openblas.CblasColMajor;
import static org.bytedeco.openblas.global.openblas.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas.CblasUpper;
import static org.bytedeco.openblas.global.openblas.LAPACK_COL_MAJOR;
import static org.bytedeco.openblas.global.openblas.LAPACKE_dsyevd;
import static org.bytedeco.openblas.global.openblas.cblas_dsyrk;

import org.bytedeco.javacpp.DoublePointer;

/**
 * Symmetric d x d float64 matrices as {@code double[d * d]}, the same array read row- or
 * column-major: centred Gram matrices (DSYRK) and symmetric eigendecompositions (DSYEVD, divide and
 * conquer). Only the upper triangle of an input is read.
 */
public final class SymmetricMatrices {
  private SymmetricMatrices() {}

  /**
   * {@code scale} (X - 1 mean^T)^T (X - 1 mean^T) of the rows X (n x d), every entry filled: with
   * the column means and scale 1 / (n - 1), the sample covariance.
   */
  public static double[] centredGram(double[][] rows, double[] mean, double scale) {
    int n = rows.length;
    int d = mean.length;
    double[] gram = new double[d * d];
    try (DoublePointer centred = new DoublePointer((long) n * d); DoublePointer out = new DoublePointer((long) d * d)) {
      double[] row = new double[d];
      for (int i = 0; i < n; i++) {
        double[] x = rows[i];
        for (int c = 0; c < d; c++) {
          row[c] = x[c] - mean[c];
        }
        centred.position((long) i * d).put(row, 0, d);
      }
      centred.position(0);
      // row-major X (n x d) is column-major X^T (d x n): X^T X = A A^T, upper triangle
      OpenBlas.parallel(() -> {
        cblas_dsyrk(CblasColMajor, CblasUpper, CblasNoTrans, d, n, scale, centred, d, 0.0, out, d);
        return out.get(gram);
      });
    }
    mirrorUpper(gram, d);
    return gram;
  }

  /** The eigenvalues of symmetric {@code s} (d x d), ascending. */
  public static double[] eigenvalues(double[] s, int d) {
    try (DoublePointer a = new DoublePointer(checked(s, d))) {
      return eigenInPlace(a, d, false);
    }
  }

  /**
   * The eigenvalues of symmetric {@code s} (d x d), ascending, and its orthonormal eigenvectors into
   * the columns of {@code vectors} (column-major: eigenvector j is {@code vectors[j * d .. j * d + d)}).
   */
  public static double[] eigen(double[] s, int d, double[] vectors) {
    if (vectors.length != d * d) {
      throw new IllegalArgumentException("vectors has " + vectors.length + " entries, " + d + " x " + d + " expected");
    }
    try (DoublePointer a = new DoublePointer(checked(s, d))) {
      double[] values = eigenInPlace(a, d, true);
      a.get(vectors);
      return values;
    }
  }

  /**
   * DSYEVD in place on the native symmetric {@code a} (upper triangle read); with {@code vectors},
   * {@code a} holds the eigenvectors in its columns afterwards. Returns the eigenvalues, ascending.
   * Runs on one OpenBLAS thread ({@link OpenBlas#serial}).
   */
  public static double[] eigenInPlace(DoublePointer a, int d, boolean vectors) {
    double[] values = new double[d];
    try (DoublePointer w = new DoublePointer(d)) {
      int info = OpenBlas.serial(() -> LAPACKE_dsyevd(LAPACK_COL_MAJOR, (byte) (vectors ? 'V' : 'N'), (byte) 'U', d, a, d, w));
      if (info != 0) {
        throw new IllegalStateException("LAPACK dsyevd of a " + d + " x " + d + " symmetric matrix failed (info "
            + info + (info > 0 ? ": did not converge" : ": bad argument") + ")");
      }
      w.get(values);
    }
    return values;
  }

  /** The sum of the diagonal of a d x d matrix. */
  public static double trace(double[] m, int d) {
    double trace = 0;
    for (int i = 0; i < d; i++) {
      trace += m[i * d + i];
    }
    return trace;
  }

  private static double[] checked(double[] s, int d) {
    if (s.length != d * d) {
      throw new IllegalArgumentException("matrix has " + s.length + " entries, " + d + " x " + d + " expected");
    }
    return s;
  }

  /** Copies the upper triangle (column-major: row i <= column j) onto the lower one. */
  private static void mirrorUpper(double[] m, int d) {
    for (int j = 0; j < d; j++) {
      for (int i = 0; i < j; i++) {
        m[j + i * d] = m[i + j * d];
      }
    }
  }
}
