package dev.bgan.evaluate;

import ai.djl.ndarray.NDArray;
import ai.djl.util.Pair;
import dev.bgan.evaluate.metrics.Calibration;
import dev.bgan.evaluate.metrics.RankNormalizedDiagnostics;
import dev.bgan.proto.ChainDiagnostics;
import dev.bgan.proto.ChainStatistic;
import dev.bgan.train.nn.Network;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scalars that the chain diagnostics look at, gathered draw by draw while the model average
 * reads the saved discriminators: per discriminator chain and averaged saved iteration, the
 * predictive probability of the true class of the first test points, and the L2 norm of each
 * trainable discriminator tensor. {@link #diagnostics()} turns them into rank-normalised split
 * R-hat and bulk ESS ({@link RankNormalizedDiagnostics}).
 */
final class ChainDraws {
  /** Vehtari et al.'s threshold: draws with a larger R-hat should not be trusted. */
  static final double RHAT_THRESHOLD = 1.01;

  private final int chains;
  private final int draws;
  private final int points;
  private final int[] labels;
  private final int firstClass;
  /** [point][chain][draw] */
  private final double[][][] probability;
  /** tensor name -> [chain][draw] */
  private final Map<String, double[][]> norms = new java.util.LinkedHashMap<>();

  ChainDraws(int chains, int draws, int points, int[] labels, int firstClass) {
    this.chains = chains;
    this.draws = draws;
    this.points = points;
    this.labels = labels;
    this.firstClass = firstClass;
    this.probability = new double[points][chains][draws];
  }

  /** Records draw {@code draw} of chain {@code chain}: its softmax rows over the test split, and its weights. */
  void add(int chain, int draw, float[] softmax, int testCount, Network discriminator) {
    double[][] classes = Calibration.classDistributions(Arrays.copyOf(softmax, softmax.length / testCount * points),
        points, firstClass);
    for (int i = 0; i < points; i++) {
      probability[i][chain][draw] = classes[i][labels[i]];
    }
    Map<NDArray, Boolean> trainable = new IdentityHashMap<>();
    discriminator.trainable().forEach(a -> trainable.put(a, true));
    for (Pair<String, NDArray> p : discriminator.state()) {
      if (trainable.containsKey(p.getValue())) {
        double sum = 0;
        for (float w : p.getValue().toFloatArray()) {
          sum += (double) w * w;
        }
        norms.computeIfAbsent(p.getKey(), k -> new double[chains][draws])[chain][draw] = Math.sqrt(sum);
      }
    }
  }

  ChainDiagnostics diagnostics() {
    ChainDiagnostics.Builder out = ChainDiagnostics.newBuilder().setNumChains(chains).setDrawsPerChain(draws);
    if (draws < RankNormalizedDiagnostics.MIN_DRAWS) {
      return out.setNotComputed(draws + " draw" + (draws == 1 ? "" : "s") + " per chain after burn-in: rank-normalised "
          + "split R-hat and bulk ESS need at least " + RankNormalizedDiagnostics.MIN_DRAWS
          + " (save more often, train longer or lower burn_in)").build();
    }
    out.setNumPoints(points);
    List<Double> rhats = new ArrayList<>();
    List<Double> esses = new ArrayList<>();
    int constant = 0;
    int high = 0;
    for (int i = 0; i < points; i++) {
      if (RankNormalizedDiagnostics.constant(probability[i])) {
        constant++;
        continue;
      }
      double rhat = RankNormalizedDiagnostics.rhat(probability[i]);
      rhats.add(rhat);
      esses.add(RankNormalizedDiagnostics.essBulk(probability[i]));
      if (!(rhat <= RHAT_THRESHOLD)) {
        high++;
      }
    }
    out.setNumConstantPoints(constant).setNumPointsRhatHigh(high);
    if (!rhats.isEmpty()) {
      out.setPointRhatMax(Collections.max(rhats)).setPointRhatMedian(median(rhats))
          .setPointEssBulkMin(Collections.min(esses)).setPointEssBulkMedian(median(esses));
    }
    norms.forEach((name, values) -> out.addWeightNorms(ChainStatistic.newBuilder().setName(name)
        .setRhat(RankNormalizedDiagnostics.rhat(values)).setEssBulk(RankNormalizedDiagnostics.essBulk(values))));
    return out.build();
  }

  private static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }
}
