package dev.bgan.evaluate.metrics;

import java.util.Arrays;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Convergence diagnostics of one scalar drawn by several Markov chains, as ArviZ defines them
 * (Vehtari, Gelman, Simpson, Carpenter and Bürkner 2021; {@code arviz.rhat(method="rank")} and
 * {@code arviz.ess(method="bulk")}): every chain is split into its first and last halves (the
 * middle draw of an odd count is dropped); all draws of the halves are replaced by their rank-normal
 * scores z = Phi^-1((r - 3/8) / (S + 1/4)), r the average rank among all S of them.
 *
 * <ul>
 *   <li>R-hat of draws x (m chains of n): sqrt(((n - 1)/n W + B/n) / W), W the mean of the chains'
 *       variances (ddof 1), B/n the variance (ddof 1) of the chain means. Rank R-hat is the larger
 *       of that of the split z-scores (bulk) and that of the z-scores of the split draws folded at
 *       their median, |x - median| (tail). Python's {@code max}: a NaN tail R-hat gives the bulk one.
 *   <li>Bulk ESS: Geyer's initial positive and then monotone sequence on the split z-scores' autocorrelations
 *       rho_t = 1 - (W - mean of the chains' autocovariance at lag t) / var+, autocovariances biased
 *       (divided by n), var+ = (n - 1)/n W + var(chain means); ESS = m n / max(tau, 1/log10(m n)).
 *       Draws that are all equal have an ESS of their count.
 * </ul>
 *
 * <p>One chain is allowed: its two halves are compared. ArviZ's {@code rhat} returns NaN for fewer
 * than 2 chains, although the formula is defined (and Stan's {@code posterior} computes it); here a
 * single chain gets the value of the formula. Fewer than {@value #MIN_DRAWS} draws per chain are refused.
 */
public final class RankNormalizedDiagnostics {
  /** ArviZ's minimum number of draws per chain for rank R-hat and bulk ESS. */
  public static final int MIN_DRAWS = 4;
  private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);
  /** numpy's {@code finfo(float).resolution}: draws whose range is below it count as constant. */
  private static final double RESOLUTION = 1e-15;

  private RankNormalizedDiagnostics() {}

  /** Rank-normalised split R-hat of {@code draws[chain][draw]}. */
  public static double rhat(double[][] draws) {
    double[][] split = split(draws);
    double bulk = rhatOf(zScale(split));
    double median = median(split);
    double[][] folded = new double[split.length][];
    for (int c = 0; c < split.length; c++) {
      folded[c] = new double[split[c].length];
      for (int i = 0; i < split[c].length; i++) {
        folded[c][i] = Math.abs(split[c][i] - median);
      }
    }
    double tail = rhatOf(zScale(folded));
    return tail > bulk ? tail : bulk;
  }

  /** Bulk effective sample size of {@code draws[chain][draw]}. */
  public static double essBulk(double[][] draws) {
    return ess(zScale(split(draws)));
  }

  /** True when every draw equals the first: R-hat is then NaN (0 / 0), as in ArviZ. */
  public static boolean constant(double[][] draws) {
    for (double[] chain : draws) {
      for (double x : chain) {
        if (Double.compare(x, draws[0][0]) != 0) {
          return false;
        }
      }
    }
    return true;
  }

  static double[][] split(double[][] draws) {
    if (draws.length == 0) {
      throw new IllegalArgumentException("chain diagnostics need at least one chain");
    }
    int n = draws[0].length;
    for (int c = 0; c < draws.length; c++) {
      if (draws[c].length != n) {
        throw new IllegalArgumentException("chain " + c + " has " + draws[c].length + " draws, chain 0 " + n);
      }
      for (double x : draws[c]) {
        if (!Double.isFinite(x)) {
          throw new IllegalArgumentException("chain " + c + " holds a non-finite draw " + x);
        }
      }
    }
    if (n < MIN_DRAWS) {
      throw new IllegalArgumentException(
          "rank-normalised split R-hat and bulk ESS need at least " + MIN_DRAWS + " draws per chain, got " + n);
    }
    int half = n / 2;
    double[][] split = new double[2 * draws.length][];
    for (int c = 0; c < draws.length; c++) {
      split[c] = Arrays.copyOfRange(draws[c], 0, half);
      split[draws.length + c] = Arrays.copyOfRange(draws[c], n - half, n);
    }
    return split;
  }

  /** Rank-normal scores over all draws together: average ranks of ties, Blom's offset 3/8. */
  static double[][] zScale(double[][] draws) {
    int size = 0;
    for (double[] chain : draws) {
      size += chain.length;
    }
    double[] values = new double[size];
    int[] chainOf = new int[size];
    int[] drawOf = new int[size];
    int at = 0;
    for (int c = 0; c < draws.length; c++) {
      for (int i = 0; i < draws[c].length; i++) {
        values[at] = draws[c][i];
        chainOf[at] = c;
        drawOf[at] = i;
        at++;
      }
    }
    Integer[] order = new Integer[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
    double[][] z = new double[draws.length][];
    for (int c = 0; c < draws.length; c++) {
      z[c] = new double[draws[c].length];
    }
    for (int start = 0; start < size; ) {
      int end = start;
      while (end + 1 < size && values[order[end + 1]] == values[order[start]]) {
        end++;
      }
      // ranks are 1-based: positions start..end share the average rank
      double rank = (start + end) / 2.0 + 1;
      double score = STANDARD_NORMAL.inverseCumulativeProbability((rank - 0.375) / (size - 0.75 + 1));
      for (int k = start; k <= end; k++) {
        z[chainOf[order[k]]][drawOf[order[k]]] = score;
      }
      start = end + 1;
    }
    return z;
  }

  /** Classic R-hat (ArviZ's {@code _rhat}) of draws already split. */
  static double rhatOf(double[][] draws) {
    int m = draws.length;
    int n = draws[0].length;
    double[] means = new double[m];
    double within = 0;
    for (int c = 0; c < m; c++) {
      means[c] = mean(draws[c]);
      within += variance(draws[c], means[c]) / m;
    }
    double between = n * variance(means, mean(means));
    return Math.sqrt((between / within + n - 1) / n);
  }

  /** ArviZ's {@code _ess} of draws already split (and z-scaled for the bulk ESS). */
  static double ess(double[][] draws) {
    int chains = draws.length;
    int n = draws[0].length;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double[] chain : draws) {
      for (double x : chain) {
        min = Math.min(min, x);
        max = Math.max(max, x);
      }
    }
    if (max - min < RESOLUTION) {
      return (double) chains * n;
    }
    double[][] acov = new double[chains][];
    double[] means = new double[chains];
    for (int c = 0; c < chains; c++) {
      means[c] = mean(draws[c]);
      acov[c] = autocovariance(draws[c], means[c]);
    }
    double meanVar = meanAtLag(acov, 0) * n / (n - 1.0);
    double varPlus = meanVar * (n - 1.0) / n;
    if (chains > 1) {
      varPlus += variance(means, mean(means));
    }
    double[] rho = new double[n];
    double rhoEven = 1.0;
    rho[0] = rhoEven;
    double rhoOdd = 1.0 - (meanVar - meanAtLag(acov, 1)) / varPlus;
    rho[1] = rhoOdd;
    // Geyer's initial positive sequence
    int t = 1;
    while (t < n - 3 && rhoEven + rhoOdd > 0.0) {
      rhoEven = 1.0 - (meanVar - meanAtLag(acov, t + 1)) / varPlus;
      rhoOdd = 1.0 - (meanVar - meanAtLag(acov, t + 2)) / varPlus;
      if (rhoEven + rhoOdd >= 0) {
        rho[t + 1] = rhoEven;
        rho[t + 2] = rhoOdd;
      }
      t += 2;
    }
    int maxT = t - 2;
    if (rhoEven > 0) {
      rho[maxT + 1] = rhoEven;
    }
    // Geyer's initial monotone sequence
    t = 1;
    while (t <= maxT - 2) {
      if (rho[t + 1] + rho[t + 2] > rho[t - 1] + rho[t]) {
        rho[t + 1] = (rho[t - 1] + rho[t]) / 2.0;
        rho[t + 2] = rho[t + 1];
      }
      t += 2;
    }
    double total = (double) chains * n;
    double sum = 0;
    for (int k = 0; k <= maxT; k++) {
      sum += rho[k];
    }
    double tau = -1.0 + 2.0 * sum + rho[maxT + 1];
    tau = Math.max(tau, 1 / Math.log10(total));
    for (double r : rho) {
      if (Double.isNaN(r)) {
        return Double.NaN;
      }
    }
    return total / tau;
  }

  /** The median of all draws, numpy's: the mean of the two middle values of an even count. */
  static double median(double[][] draws) {
    double[] all = Arrays.stream(draws).flatMapToDouble(Arrays::stream).sorted().toArray();
    int mid = all.length / 2;
    return all.length % 2 == 1 ? all[mid] : (all[mid - 1] + all[mid]) / 2;
  }

  /** Biased autocovariance at every lag 0..n-1: (1/n) sum_i (x_i - mean)(x_{i+t} - mean). */
  private static double[] autocovariance(double[] x, double mean) {
    int n = x.length;
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      d[i] = x[i] - mean;
    }
    double[] acov = new double[n];
    for (int t = 0; t < n; t++) {
      double s = 0;
      for (int i = 0; i + t < n; i++) {
        s += d[i] * d[i + t];
      }
      acov[t] = s / n;
    }
    return acov;
  }

  private static double meanAtLag(double[][] acov, int lag) {
    double s = 0;
    for (double[] a : acov) {
      s += a[lag];
    }
    return s / acov.length;
  }

  private static double mean(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return s / x.length;
  }

  private static double variance(double[] x, double mean) {
    double s = 0;
    for (double v : x) {
      s += (v - mean) * (v - mean);
    }
    return s / (x.length - 1);
  }
}
