package dev.bgan.evaluate.metrics;

/**
 * Top-label calibration of a classifier (Guo et al. 2017): each point's confidence is its largest
 * class probability and it is correct when that class (the first, on ties) is its label. The
 * confidences fall into {@code bins} equal-width bins, bin b holding (b/B, (b+1)/B] and bin 0 also
 * 0; the expected calibration error is sum_b (n_b / n) |accuracy_b - confidence_b|, where
 * accuracy_b and confidence_b are the fraction correct and the mean confidence in bin b. The
 * per-bin numbers draw the reliability diagram.
 */
public final class Calibration {
  public static final int DEFAULT_BINS = 15;

  /** The ECE and the reliability diagram's bins; an empty bin has accuracy and confidence 0. */
  public record Result(double expectedCalibrationError, int count, int[] binCount, double[] binAccuracy,
      double[] binConfidence) {
    public Result {
      binCount = binCount.clone();
      binAccuracy = binAccuracy.clone();
      binConfidence = binConfidence.clone();
    }

    public int bins() {
      return binCount.length;
    }

    /** Fraction correct over all points (the classifier's accuracy). */
    public double accuracy() {
      double correct = 0;
      for (int b = 0; b < bins(); b++) {
        correct += binCount[b] * binAccuracy[b];
      }
      return correct / count;
    }
  }

  private Calibration() {}

  /**
   * Calibration of {@code probabilities[i]} (a distribution over the classes) against {@code labels[i]}.
   * Rows must be non-empty, of one length, finite and in [0, 1]; they are not renormalised.
   */
  public static Result of(double[][] probabilities, int[] labels, int bins) {
    if (bins < 1) {
      throw new IllegalArgumentException("calibration needs at least 1 bin, got " + bins);
    }
    if (probabilities.length == 0 || probabilities.length != labels.length) {
      throw new IllegalArgumentException("calibration needs as many labels as rows, at least one: "
          + probabilities.length + " rows, " + labels.length + " labels");
    }
    int[] count = new int[bins];
    double[] correct = new double[bins];
    double[] confidence = new double[bins];
    double[] edges = new double[bins + 1];
    for (int b = 0; b <= bins; b++) {
      edges[b] = (double) b / bins;
    }
    int classes = probabilities[0].length;
    for (int i = 0; i < probabilities.length; i++) {
      double[] row = probabilities[i];
      if (row.length != classes || classes == 0) {
        throw new IllegalArgumentException("row " + i + " has " + row.length + " classes, row 0 " + classes);
      }
      int best = 0;
      for (int k = 0; k < classes; k++) {
        if (!(row[k] >= 0 && row[k] <= 1)) {
          throw new IllegalArgumentException("row " + i + " class " + k + ": probability " + row[k] + " is not in [0, 1]");
        }
        if (row[k] > row[best]) {
          best = k;
        }
      }
      double c = row[best];
      int bin = 0;
      while (bin < bins - 1 && c > edges[bin + 1]) {
        bin++;
      }
      count[bin]++;
      confidence[bin] += c;
      if (best == labels[i]) {
        correct[bin]++;
      }
    }
    double ece = 0;
    double[] accuracy = new double[bins];
    for (int b = 0; b < bins; b++) {
      if (count[b] > 0) {
        accuracy[b] = correct[b] / count[b];
        confidence[b] /= count[b];
        ece += (double) count[b] / probabilities.length * Math.abs(accuracy[b] - confidence[b]);
      }
    }
    return new Result(ece, probabilities.length, count, accuracy, confidence);
  }

  /**
   * The class distributions of row-major softmax outputs {@code [count][outputs]}: outputs from
   * {@code firstClass} on, divided by their sum (ORIG's fake output 0 left out; HEAD's K outputs
   * renormalised in double precision).
   */
  public static double[][] classDistributions(float[] outputs, int count, int firstClass) {
    int width = outputs.length / count;
    double[][] rows = new double[count][width - firstClass];
    for (int i = 0; i < count; i++) {
      double sum = 0;
      for (int k = firstClass; k < width; k++) {
        sum += outputs[i * width + k];
      }
      for (int k = firstClass; k < width; k++) {
        rows[i][k - firstClass] = sum > 0 ? outputs[i * width + k] / sum : 1.0 / (width - firstClass);
      }
    }
    return rows;
  }
}
