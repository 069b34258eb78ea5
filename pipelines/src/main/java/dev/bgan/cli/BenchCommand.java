package dev.bgan.cli;

import dev.bgan.common.BadInputException;
import dev.bgan.common.FileTrees;
import dev.bgan.pipelines.prepare.BeamRunner;
import dev.bgan.pipelines.prepare.PrepareBenchmark;
import dev.bgan.evaluate.metrics.FeatureStatistics;
import dev.bgan.evaluate.metrics.FrechetDistance;
import dev.bgan.train.TrainBenchmark;
import dev.bgan.train.nn.DcganGeometry;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bgan bench train|prepare|fid}: prints numbers, asserts nothing. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks that print numbers.",
    subcommands = {BenchCommand.Train.class, BenchCommand.Prepare.class, BenchCommand.Fid.class})
final class BenchCommand {

  @Command(name = "train", mixinStandardHelpOptions = true,
      description = "Median ms per semi-supervised iteration (batch 64, one D step and all G steps, the"
          + " supervised baseline's step) and the GFLOP/s it achieves, per number of generators.")
  static final class Train implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--arch", defaultValue = "orig", description = "network family (default: ${DEFAULT-VALUE})")
    String arch;

    @Option(names = "--size", defaultValue = "28", description = "image side (default: ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--channels", defaultValue = "1", description = "image channels (default: ${DEFAULT-VALUE})")
    int channels;

    @Option(names = "--gens", split = ",", defaultValue = "1,4,10",
        description = "numbers of generators J*M, comma-separated (default: ${DEFAULT-VALUE})")
    List<Integer> gens;

    @Option(names = "--iters", defaultValue = "20", description = "timed iterations (default: ${DEFAULT-VALUE})")
    int iters;

    @Option(names = "--warmup", defaultValue = "3", description = "untimed iterations first (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = {"--gf_dim", "--gf-dim"}, defaultValue = "64", description = "generator width (default: ${DEFAULT-VALUE})")
    int gfDim;

    @Option(names = {"--df_dim", "--df-dim"}, defaultValue = "64", description = "discriminator width (default: ${DEFAULT-VALUE})")
    int dfDim;

    @Override
    public Integer call() {
      if (!arch.equals("orig")) {
        throw BadInputException.inParameter("arch", arch, "only orig is implemented so far");
      }
      if (iters < 1 || warmup < 0 || gens.stream().anyMatch(g -> g < 1)) {
        throw new BadInputException("--iters and every --gens value must be >= 1, --warmup >= 0");
      }
      TrainBenchmark bench = new TrainBenchmark(new DcganGeometry(size, size, channels), gfDim, dfDim);
      PrintWriter out = spec.commandLine().getOut();
      out.printf("# arch=%s size=%d channels=%d gf_dim=%d df_dim=%d batch=64 iters=%d threads=%s%n", arch, size,
          channels, gfDim, dfDim, iters, System.getProperty("ai.djl.pytorch.num_threads", "default"));
      for (int g : gens) {
        out.println(bench.run(g, warmup, iters));
        out.flush();
      }
      return 0;
    }
  }

  @Command(name = "prepare", mixinStandardHelpOptions = true,
      description = "Images/s of prepare cifar10 on generated CIFAR-10-sized python batches (real layout) with the"
          + " DirectRunner and embedded Flink, beside loading the same files alone in Java and in Python"
          + " (pickle + numpy). Needs python3 with numpy.")
  static final class Prepare implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--images", defaultValue = "60000",
        description = "images in all, a multiple of 6 (default: ${DEFAULT-VALUE}, CIFAR-10's size)")
    int images;

    @Option(names = "--parallelism", split = ",", defaultValue = "1,2",
        description = "Flink parallelisms to time, comma-separated (default: ${DEFAULT-VALUE})")
    List<Integer> parallelisms;

    @Option(names = "--seed", defaultValue = "1", description = "pixel and label seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--layout", defaultValue = "PY2",
        description = "PY2: the pixels as the official batches hold them (Python 2's BINSTRING); PY3: as Python 3"
            + " pickles bytes under protocol 2 (UTF-8 text, 1.5 times the size) (default: ${DEFAULT-VALUE})")
    PrepareBenchmark.Layout layout;

    @Override
    public Integer call() throws Exception {
      if (images < 6 || images % 6 != 0 || parallelisms.stream().anyMatch(p -> p < 1)) {
        throw new BadInputException("--images must be a positive multiple of 6 and every --parallelism >= 1");
      }
      PrintWriter out = spec.commandLine().getOut();
      Path scratch = Files.createTempDirectory("bgan-bench-prepare-");
      try {
        PrepareBenchmark bench = new PrepareBenchmark(scratch, images);
        Path input = bench.writeInput(seed, layout);
        out.printf(Locale.ROOT, "# cifar10 python batches (%s layout), %d images; cpu=%s cores=%d load_average=%.2f%n", layout, images,
            PrepareBenchmark.cpuModel(), Runtime.getRuntime().availableProcessors(),
            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        PrepareBenchmark.Result python = bench.pythonLoad(input);
        out.println(python);
        out.println(bench.javaLoad(input));
        List<PrepareBenchmark.Result> stages = new ArrayList<>();
        stages.add(bench.prepare(input, BeamRunner.DIRECT));
        out.println(stages.get(0));
        for (int parallelism : parallelisms) {
          out.flush();
          stages.add(bench.prepare(input, BeamRunner.flink("[local]", parallelism)));
          out.println(stages.get(stages.size() - 1));
        }
        // The stage (load, hashes, shards, publish) beside Python's bare load of the same files, in this run.
        for (PrepareBenchmark.Result stage : stages) {
          out.printf(Locale.ROOT, "# %s: stage %.2f s, %.0f images/s = %.2f x python's pickle+numpy load (%.0f images/s)%n",
              stage.what(), stage.seconds(), stage.imagesPerSecond(),
              stage.imagesPerSecond() / python.imagesPerSecond(), python.imagesPerSecond());
        }
        out.printf(Locale.ROOT, "# load_average=%.2f at the end%n",
            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        out.flush();
        return 0;
      } finally {
        FileTrees.deleteRecursively(scratch);
      }
    }
  }

  @Command(name = "fid", mixinStandardHelpOptions = true,
      description = "Seconds to compute the FID of two sets of n d-dimensional features (seeded Gaussians):"
          + " the statistics (means, covariances) and the distance (matrix square root and traces).")
  static final class Fid implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--n", defaultValue = "10000", description = "samples per set (default: ${DEFAULT-VALUE})")
    int n;

    @Option(names = "--dims", defaultValue = "2048", description = "feature dimensions (default: ${DEFAULT-VALUE})")
    int dims;

    @Option(names = {"--random_seed", "--random-seed"}, defaultValue = "1", description = "seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() {
      if (n < 2 || dims < 1) {
        throw new BadInputException("--n must be >= 2 and --dims >= 1");
      }
      Random random = new Random(seed);
      double[][] a = new double[n][dims];
      double[][] b = new double[n][dims];
      for (int i = 0; i < n; i++) {
        for (int c = 0; c < dims; c++) {
          a[i][c] = random.nextGaussian();
          // a different mean and per-dimension scale, with one shared direction: a full covariance
          b[i][c] = 0.1 + (1 + 0.5 * c / dims) * random.nextGaussian() + 0.3 * a[i][0];
        }
      }
      PrintWriter out = spec.commandLine().getOut();
      out.printf("# n=%d dims=%d cores=%d%n", n, dims, Runtime.getRuntime().availableProcessors());
      long t0 = System.nanoTime();
      FeatureStatistics sa = FeatureStatistics.of(a);
      FeatureStatistics sb = FeatureStatistics.of(b);
      long t1 = System.nanoTime();
      double fid = FrechetDistance.fromStatistics(sa, sb);
      long t2 = System.nanoTime();
      out.printf("statistics_s=%.2f sqrt_s=%.2f total_s=%.2f fid=%s%n", (t1 - t0) / 1e9, (t2 - t1) / 1e9,
          (t2 - t0) / 1e9, fid);
      return 0;
    }
  }
}
