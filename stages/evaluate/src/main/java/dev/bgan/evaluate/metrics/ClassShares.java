package dev.bgan.evaluate.metrics;

/**
 * How a set of images spreads over K classes under a classifier: each image counts for the class
 * of its largest probability (the first on a tie, as numpy's argmax), a class is a mode when it
 * holds at least a given share of the images, and the mean largest probability tells confident
 * digits from noise that the argmax puts in some class all the same.
 */
public final class ClassShares {
  private ClassShares() {}

  /** Counts per class, the classes holding at least {@code modeShare} of the rows, the mean top probability. */
  public record Result(int[] counts, int modes, double meanConfidence) {
    public Result {
      counts = counts.clone();
    }

    @Override
    public int[] counts() {
      return counts.clone();
    }
  }

  /** Half the share each of {@code classes} classes would hold if the images were spread evenly. */
  public static double defaultModeShare(int classes) {
    return 1.0 / (2.0 * classes);
  }

  /** Of {@code probs}, one row of K class probabilities per image. */
  public static Result of(double[][] probs, double modeShare) {
    if (probs.length == 0) {
      throw new IllegalArgumentException("no rows to count");
    }
    if (!(modeShare > 0 && modeShare <= 1)) {
      throw new IllegalArgumentException("mode share " + modeShare + " is not in (0, 1]");
    }
    int k = probs[0].length;
    int[] counts = new int[k];
    double confidence = 0;
    for (int i = 0; i < probs.length; i++) {
      double[] row = probs[i];
      if (row.length != k) {
        throw new IllegalArgumentException("row " + i + " has " + row.length + " classes, row 0 has " + k);
      }
      int best = 0;
      for (int c = 1; c < k; c++) {
        if (row[c] > row[best]) {
          best = c;
        }
      }
      counts[best]++;
      confidence += row[best];
    }
    int modes = 0;
    for (int count : counts) {
      // Compared in counts, not in rounded shares: 50 of 1000 at share 0.05 is a mode.
      if (count >= modeShare * probs.length - 1e-9) {
        modes++;
      }
    }
    return new Result(counts, modes, confidence / probs.length);
  }
}
