package dev.bgan.evaluate.metrics;

/**
 * The Inception Score of class probabilities p(y|x) (rows), as the Improved-GAN reference computes
 * it: the rows cut into {@code splits} contiguous parts, part i = rows [i n / splits, (i + 1) n /
 * splits) (integer division); per part exp(mean over its rows of KL(p(y|x) || p(y))) with p(y) the
 * part's mean row; the mean and standard deviation (ddof 0) of the parts' scores. Natural log;
 * 0 log 0 counts as 0 (numpy would make it NaN).
 */
public final class InceptionScore {
  public static final int DEFAULT_SPLITS = 10;
  /** How far a row may sum from 1 (float32 softmax outputs sum to 1 within ~1e-6). */
  static final double SUM_TOLERANCE = 1e-3;

  private InceptionScore() {}

  public record Score(double mean, double std) {}

  public static Score of(double[][] probabilities, int splits) {
    if (splits < 1) {
      throw new IllegalArgumentException("splits must be >= 1, got " + splits);
    }
    int k = PointSets.columns("probabilities", probabilities, splits);
    for (int i = 0; i < probabilities.length; i++) {
      double sum = 0;
      for (double p : probabilities[i]) {
        if (p < 0) {
          throw new IllegalArgumentException("probabilities: row " + i + " has a negative entry " + p);
        }
        sum += p;
      }
      if (Math.abs(sum - 1) > SUM_TOLERANCE) {
        throw new IllegalArgumentException("probabilities: row " + i + " sums to " + sum + ", not 1");
      }
    }
    int n = probabilities.length;
    double[] scores = new double[splits];
    for (int s = 0; s < splits; s++) {
      int from = (int) ((long) s * n / splits);
      int to = (int) ((long) (s + 1) * n / splits);
      double[] marginal = new double[k];
      for (int i = from; i < to; i++) {
        for (int c = 0; c < k; c++) {
          marginal[c] += probabilities[i][c];
        }
      }
      for (int c = 0; c < k; c++) {
        marginal[c] /= to - from;
      }
      double kl = 0;
      for (int i = from; i < to; i++) {
        for (int c = 0; c < k; c++) {
          double p = probabilities[i][c];
          if (p > 0) {
            kl += p * (Math.log(p) - Math.log(marginal[c]));
          }
        }
      }
      scores[s] = Math.exp(kl / (to - from));
    }
    double mean = 0;
    for (double score : scores) {
      mean += score;
    }
    mean /= splits;
    double var = 0;
    for (double score : scores) {
      var += (score - mean) * (score - mean);
    }
    return new Score(mean, Math.sqrt(var / splits));
  }
}
