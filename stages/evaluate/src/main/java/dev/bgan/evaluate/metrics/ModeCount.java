package dev.bgan.evaluate.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.commons.math3.distribution.MixtureMultivariateNormalDistribution;
import org.apache.commons.math3.distribution.MultivariateNormalDistribution;
import org.apache.commons.math3.distribution.fitting.MultivariateNormalMixtureExpectationMaximization;
import org.apache.commons.math3.exception.ConvergenceException;
import org.apache.commons.math3.exception.MathArithmeticException;
import org.apache.commons.math3.exception.MathIllegalArgumentException;
import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.ml.clustering.CentroidCluster;
import org.apache.commons.math3.ml.clustering.DoublePoint;
import org.apache.commons.math3.ml.clustering.KMeansPlusPlusClusterer;
import org.apache.commons.math3.ml.distance.EuclideanDistance;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.util.Pair;

/**
 * The number of modes of a point set as bgan_synth's {@code gmm_ms} estimates it: Gaussian
 * mixtures with full covariances for k = 1..{@value #MAX_COMPONENTS} components, and the k of
 * least AIC = -2 log L + 2 p, p = k d + k d (d + 1) / 2 + k - 1 (scikit-learn's count). The
 * reference prints {@code aics.argmin()}, which is k - 1; this is k.
 *
 * <p>Each mixture is fitted as scikit-learn's {@code GaussianMixture} does it: k-means++ (seeded)
 * for the initial responsibilities, the initial covariances regularised by {@value #REG_COVAR} on
 * the diagonal, then EM, here commons-math3's, for at most {@value #MAX_ITERATIONS} iterations
 * (scikit-learn's {@code max_iter}) until the mean log-likelihood moves less than {@value
 * #THRESHOLD}; an EM that has not converged by then keeps its last mixture, as scikit-learn does.
 * commons-math3 adds no regularisation inside EM: a k whose EM collapses a component (a singular
 * covariance) is not a candidate and says so in its {@link Fit}.
 *
 * <p>commons-math3's EM works with densities, not log-densities, so it under- and overflows in
 * high dimensions: give it low-dimensional points (the synthetic experiment's PCA plane). The
 * reference fits its mixtures on the raw 100-dimensional fakes.
 */
public final class ModeCount {
  public static final int MAX_COMPONENTS = 19;
  static final int MAX_ITERATIONS = 100;
  static final double THRESHOLD = 1e-3;
  static final double REG_COVAR = 1e-6;
  private static final int KMEANS_MAX_ITERATIONS = 300;

  private ModeCount() {}

  /**
   * The mixture fitted with {@code components} components: its log-likelihood, parameter count and
   * AIC (NaN when its EM degenerated, with the reason in {@code failure}), and whether EM converged.
   */
  public record Fit(int components, double logLikelihood, int parameters, double aic, boolean converged, String failure) {
    public boolean usable() {
      return Double.isFinite(aic);
    }
  }

  /** The chosen number of modes and every candidate behind the choice. */
  public record Result(int modes, List<Fit> fits) {}

  /** Fits k = 1..19 (at most one per point) mixtures to {@code points} and picks the k of least AIC. */
  public static Result count(double[][] points, long seed) {
    int d = PointSets.columns("points", points, 2);
    // The fits are independent (each seeds its own k-means++), so they run on every core; the list keeps k's order.
    List<Fit> fits = IntStream.rangeClosed(1, Math.min(MAX_COMPONENTS, points.length)).parallel()
        .mapToObj(k -> fit(points, d, k, seed)).toList();
    Fit best = null;
    for (Fit fit : fits) {
      if (fit.usable() && (best == null || fit.aic() < best.aic())) {
        best = fit;
      }
    }
    if (best == null) {
      throw new IllegalArgumentException("points: no Gaussian mixture could be fitted (the points lie on a"
          + " lower-dimensional subspace): " + fits.get(0).failure());
    }
    return new Result(best.components(), fits);
  }

  static Fit fit(double[][] points, int d, int k, long seed) {
    int parameters = k * d + k * d * (d + 1) / 2 + k - 1;
    MultivariateNormalMixtureExpectationMaximization em = new MultivariateNormalMixtureExpectationMaximization(points);
    boolean converged = true;
    try {
      try {
        em.fit(initialMixture(points, d, k, seed), MAX_ITERATIONS, THRESHOLD);
      } catch (ConvergenceException e) {
        converged = false; // the last iteration's mixture stays fitted
      }
      MixtureMultivariateNormalDistribution mixture = em.getFittedModel();
      double logLikelihood = 0;
      for (double[] p : points) {
        logLikelihood += Math.log(mixture.density(p));
      }
      if (!Double.isFinite(logLikelihood)) {
        return new Fit(k, logLikelihood, parameters, Double.NaN, converged, "log-likelihood " + logLikelihood);
      }
      return new Fit(k, logLikelihood, parameters, -2 * logLikelihood + 2 * parameters, converged, "");
    } catch (MathIllegalArgumentException | MathArithmeticException | MathIllegalStateException e) {
      return new Fit(k, Double.NaN, parameters, Double.NaN, false, "EM degenerated: " + e.getMessage());
    }
  }

  /** scikit-learn's k-means initialisation: weights, means and (regularised) covariances of k-means++ clusters. */
  private static MixtureMultivariateNormalDistribution initialMixture(double[][] points, int d, int k, long seed) {
    List<DoublePoint> wrapped = new ArrayList<>(points.length);
    for (double[] p : points) {
      wrapped.add(new DoublePoint(p));
    }
    KMeansPlusPlusClusterer<DoublePoint> kmeans = new KMeansPlusPlusClusterer<>(k, KMEANS_MAX_ITERATIONS,
        new EuclideanDistance(), new Well19937c(seed));
    List<Pair<Double, MultivariateNormalDistribution>> components = new ArrayList<>();
    for (CentroidCluster<DoublePoint> cluster : kmeans.cluster(wrapped)) {
      List<DoublePoint> members = cluster.getPoints();
      int m = members.size();
      double[] mean = new double[d];
      for (DoublePoint p : members) {
        for (int c = 0; c < d; c++) {
          mean[c] += p.getPoint()[c];
        }
      }
      for (int c = 0; c < d; c++) {
        mean[c] /= m;
      }
      double[][] covariance = new double[d][d];
      for (DoublePoint p : members) {
        double[] x = p.getPoint();
        for (int r = 0; r < d; r++) {
          for (int c = 0; c < d; c++) {
            covariance[r][c] += (x[r] - mean[r]) * (x[c] - mean[c]) / m;
          }
        }
      }
      for (int c = 0; c < d; c++) {
        covariance[c][c] += REG_COVAR;
      }
      components.add(new Pair<>((double) m / points.length, new MultivariateNormalDistribution(mean, covariance)));
    }
    return new MixtureMultivariateNormalDistribution(components);
  }
}
