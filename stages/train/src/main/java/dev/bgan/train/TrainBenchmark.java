package dev.bgan.train;

import dev.bgan.dataset.ImageSplit;
import dev.bgan.proto.TrainConfig;
import dev.bgan.train.nn.DcganFamily;
import dev.bgan.train.nn.DcganGeometry;
import dev.bgan.train.nn.TransposedConv2d;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * Times one semi-supervised iteration (batch 64: one discriminator step on labeled, unlabeled and
 * every generator's fakes, one step per generator, the supervised baseline's step) of the ORIG
 * DCGAN on random images of a given shape, and counts the multiply-adds of the reference's network
 * in it, so that a run reports milliseconds per iteration, the GFLOP/s they amount to and, beside a
 * measured peak, how far the step is from the machine's limit.
 *
 * <p>Counted: convolutions, transposed convolutions (their taps that land inside the output) and
 * linear layers; backward as weight gradients plus input gradients, where an input needs one (not
 * for the images or z). Not counted: batch norm, activations, losses and the samplers' elementwise
 * updates, which are memory-bound and show in the phase breakdown instead.
 */
public final class TrainBenchmark {
  private static final int BATCH = 64;
  private static final int CLASSES = 10;
  private static final int KERNEL = 5;

  /** What one benchmark point measured. */
  public record Result(int generators, double medianMs, double gflopPerIteration, Map<PhaseClock.Phase, Double> phaseMs) {
    public double gflops() {
      return gflopPerIteration / (medianMs / 1000);
    }

    /** The time the counted arithmetic takes at {@code peakGflops}. */
    public double limitMs(double peakGflops) {
      return gflopPerIteration / peakGflops * 1000;
    }

    /** One line: time, rate, share of the peak, and the phases' share of the timed iterations. */
    public String describe(double peakGflops) {
      double total = phaseMs.values().stream().mapToDouble(Double::doubleValue).sum();
      StringBuilder line = new StringBuilder(String.format(java.util.Locale.ROOT,
          "gens=%d ms_per_iter=%.1f gflop_per_iter=%.2f gflops=%.1f pct_of_peak=%.1f limit_ms=%.1f x_limit=%.2f",
          generators, medianMs, gflopPerIteration, gflops(), 100 * gflops() / peakGflops, limitMs(peakGflops),
          medianMs / limitMs(peakGflops)));
      for (Map.Entry<PhaseClock.Phase, Double> e : phaseMs.entrySet()) {
        line.append(String.format(java.util.Locale.ROOT, " %s=%.0f%%", e.getKey().name().toLowerCase(java.util.Locale.ROOT),
            100 * e.getValue() / total));
      }
      return line.toString();
    }
  }

  private final DcganGeometry geometry;
  private final int gfDim;
  private final int dfDim;

  public TrainBenchmark(DcganGeometry geometry, int gfDim, int dfDim) {
    this.geometry = geometry;
    this.gfDim = gfDim;
    this.dfDim = dfDim;
  }

  /** Median over {@code iterations} timed iterations, after {@code warmup} untimed ones. */
  public Result run(int generators, int warmup, int iterations) {
    return run(generators, warmup, iterations, done -> { });
  }

  /** The same, calling {@code afterIteration} with each iteration's number (from 1) when it is done. */
  public Result run(int generators, int warmup, int iterations, IntConsumer afterIteration) {
    TrainConfig config = TrainConfigs.defaults()
        .setSemiSupervised(true).setN(100).setNumz(generators).setNumMcmc(1)
        .setGfDim(gfDim).setDfDim(dfDim).setBatchSize(BATCH).setTrainIter(warmup + iterations)
        .setRandomSeed(1).build();
    ImageSplit train = randomImages("train", 1000);
    GanNetworks networks = new GanNetworks(config, new DcganFamily(geometry, gfDim, dfDim), CLASSES);
    int[] labeled = LabeledSubset.draw(train.labels(), CLASSES, config.getN(), config.getRandomSeed());
    BayesianGanTrainer.Timing timing = new BayesianGanTrainer(config, networks, new ImageBatches(train),
        randomImages("test", 10), labeled, null).timeIterations(warmup, iterations, afterIteration);
    double[] timed = timing.iterationMs().clone();
    Arrays.sort(timed);
    double median = timed.length % 2 == 1 ? timed[timed.length / 2]
        : (timed[timed.length / 2 - 1] + timed[timed.length / 2]) / 2;
    return new Result(generators, median, flopsPerIteration(generators, config.getZDim()) / 1e9, timing.phaseMs());
  }

  /**
   * Multiply-adds per image, times 2 for FLOPs: the fakes for the discriminator (G forward); the
   * discriminator step on (G + 2) batches (forward, weight gradients, input gradients below its
   * first layer); each generator's step (G forward and backward, D forward and input gradients
   * only); the baseline's step on one batch.
   */
  long flopsPerIteration(int generators, int zDim) {
    long d = discriminatorMacs();
    long dInputGrads = d - discriminatorFirstLayerMacs();
    long g = generatorMacs(zDim);
    long gInputGrads = g - generatorFirstLayerMacs(zDim);
    long discriminatorBatch = d + d + dInputGrads;
    long generatorStep = g + g + gInputGrads + d + d;
    long macs = (long) BATCH * (generators * g + (generators + 2) * discriminatorBatch + generators * generatorStep
        + discriminatorBatch);
    return 2 * macs;
  }

  long discriminatorMacs() {
    long macs = 0;
    int in = geometry.channels();
    for (int level = 0; level < DcganGeometry.LEVELS; level++) {
      int out = dfDim << level;
      macs += (long) geometry.heightAt(level + 1) * geometry.widthAt(level + 1) * out * in * KERNEL * KERNEL;
      in = out;
    }
    int top = DcganGeometry.LEVELS;
    return macs + (long) in * geometry.heightAt(top) * geometry.widthAt(top) * (CLASSES + 1);
  }

  private long discriminatorFirstLayerMacs() {
    return (long) geometry.heightAt(1) * geometry.widthAt(1) * dfDim * geometry.channels() * KERNEL * KERNEL;
  }

  long generatorMacs(int zDim) {
    int top = DcganGeometry.LEVELS;
    int in = gfDim * 8;
    long macs = generatorFirstLayerMacs(zDim);
    for (int level = top - 1; level >= 0; level--) {
      int out = level == 0 ? geometry.channels() : gfDim << (level - 1);
      macs += transposedTaps(geometry.heightAt(level + 1), geometry.heightAt(level))
          * transposedTaps(geometry.widthAt(level + 1), geometry.widthAt(level)) * out * in;
      in = out;
    }
    return macs;
  }

  private long generatorFirstLayerMacs(int zDim) {
    int top = DcganGeometry.LEVELS;
    return (long) zDim * gfDim * 8 * geometry.heightAt(top) * geometry.widthAt(top);
  }

  /**
   * Along one axis of a stride-2 transposed convolution with TensorFlow's "SAME" padding, the (input,
   * tap) pairs whose output o = 2i + s - P falls inside the output.
   */
  static long transposedTaps(int in, int out) {
    int pad = TransposedConv2d.leadingPadding(in, out, KERNEL);
    long taps = 0;
    for (int i = 0; i < in; i++) {
      for (int s = 0; s < KERNEL; s++) {
        int o = 2 * i + s - pad;
        if (o >= 0 && o < out) {
          taps++;
        }
      }
    }
    return taps;
  }

  private ImageSplit randomImages(String name, int count) {
    SplittableRandom random = new SplittableRandom(7);
    byte[] pixels = new byte[count * geometry.height() * geometry.width() * geometry.channels()];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) random.nextInt(256);
    }
    int[] labels = new int[count];
    for (int i = 0; i < count; i++) {
      labels[i] = i % CLASSES;
    }
    return new ImageSplit(name, geometry.height(), geometry.width(), geometry.channels(), labels, pixels);
  }
}
