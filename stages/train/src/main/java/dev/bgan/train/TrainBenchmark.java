package dev.bgan.train;

import dev.bgan.dataset.ImageSplit;
import dev.bgan.proto.TrainConfig;
import dev.bgan.train.nn.DcganFamily;
import dev.bgan.train.nn.DcganGeometry;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Times one semi-supervised iteration (batch 64: one discriminator step on labeled, unlabeled and
 * every generator's fakes, one step per generator, the supervised baseline's step) of the ORIG
 * DCGAN on random images of a given shape, and counts the floating-point operations it does, so
 * that a run reports milliseconds per iteration and the GFLOP/s they amount to.
 */
public final class TrainBenchmark {
  private static final int BATCH = 64;
  private static final int CLASSES = 10;
  private static final int KERNEL = 25;

  /** What one benchmark point measured. */
  public record Result(int generators, double medianMs, double gflopPerIteration) {
    public double gflops() {
      return gflopPerIteration / (medianMs / 1000);
    }

    @Override
    public String toString() {
      return String.format(java.util.Locale.ROOT, "gens=%d ms_per_iter=%.1f gflops=%.1f", generators, medianMs, gflops());
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
    TrainConfig config = TrainConfigs.defaults()
        .setSemiSupervised(true).setN(100).setNumz(generators).setNumMcmc(1)
        .setGfDim(gfDim).setDfDim(dfDim).setBatchSize(BATCH).setTrainIter(warmup + iterations)
        .setRandomSeed(1).build();
    ImageSplit train = randomImages("train", 1000);
    GanNetworks networks = new GanNetworks(config, new DcganFamily(geometry, gfDim, dfDim), CLASSES);
    int[] labeled = LabeledSubset.draw(train.labels(), CLASSES, config.getN(), config.getRandomSeed());
    double[] ms = new BayesianGanTrainer(config, networks, new ImageBatches(train), randomImages("test", 10), labeled, null)
        .timeIterations(warmup + iterations);
    double[] timed = Arrays.copyOfRange(ms, warmup, ms.length);
    Arrays.sort(timed);
    double median = timed.length % 2 == 1 ? timed[timed.length / 2]
        : (timed[timed.length / 2 - 1] + timed[timed.length / 2]) / 2;
    return new Result(generators, median, flopsPerIteration(generators, config.getZDim()) / 1e9);
  }

  /**
   * Forward multiply-adds per image, times 2 for FLOPs and 3 for forward plus backward:
   * fakes for the discriminator (G forward), the discriminator step on (G + 2) batches, each
   * generator's step through generator and discriminator, and the baseline's step on one batch.
   */
  long flopsPerIteration(int generators, int zDim) {
    long d = discriminatorMacs();
    long g = generatorMacs(zDim);
    long macs = (long) BATCH * (generators * g + 3 * d * (generators + 2) + generators * 3 * (g + d) + 3 * d);
    return 2 * macs;
  }

  long discriminatorMacs() {
    long macs = 0;
    int in = geometry.channels();
    for (int level = 0; level < DcganGeometry.LEVELS; level++) {
      int out = dfDim << level;
      macs += (long) geometry.heightAt(level + 1) * geometry.widthAt(level + 1) * out * in * KERNEL;
      in = out;
    }
    int top = DcganGeometry.LEVELS;
    return macs + (long) in * geometry.heightAt(top) * geometry.widthAt(top) * (CLASSES + 1);
  }

  long generatorMacs(int zDim) {
    int top = DcganGeometry.LEVELS;
    int in = gfDim * 8;
    long macs = (long) zDim * in * geometry.heightAt(top) * geometry.widthAt(top);
    for (int level = top - 1; level >= 0; level--) {
      int out = level == 0 ? geometry.channels() : gfDim << (level - 1);
      macs += (long) geometry.heightAt(level) * geometry.widthAt(level) * out * in * KERNEL;
      in = out;
    }
    return macs;
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
