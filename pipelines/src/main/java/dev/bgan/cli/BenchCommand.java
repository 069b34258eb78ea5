package dev.bgan.cli;

import dev.bgan.common.BadInputException;
import dev.bgan.common.ComputeThreads;
import dev.bgan.common.FileTrees;
import dev.bgan.common.MachineFacts;
import dev.bgan.prepare.stage.BeamRunner;
import dev.bgan.prepare.stage.PrepareBenchmark;
import dev.bgan.train.SgemmPeak;
import dev.bgan.train.TorchComparison;
import dev.bgan.train.TrainBenchmark;
import dev.bgan.train.nn.DcganGeometry;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
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
      description = "Median ms per semi-supervised iteration of the ORIG DCGAN (batch 64: one D step on labeled,"
          + " unlabeled and every generator's fakes, all G steps, the supervised baseline's step) per number of"
          + " generators, with the GFLOP/s of the reference network's arithmetic, its share of the float32 matrix"
          + " product peak measured in the same process, the time that arithmetic takes at the peak, and where"
          + " the time went. Prints the CPU and the peak RSS.")
  static final class Train implements Callable<Integer> {
    @Spec CommandSpec spec;

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

    @Option(names = "--soak", defaultValue = "0", paramLabel = "N",
        description = "also run N iterations with the first --gens value and print the RSS after 200 and after N"
            + " (a leak shows as growth; 0: skip; default: ${DEFAULT-VALUE})")
    int soak;

    @Option(names = {"--compare-torch", "--compare_torch"},
        description = "also time the same step in the system's PyTorch (python3 -c 'import torch'), from the script"
            + " shipped as bench_torch_step.py, and print the ratio, PyTorch's own matrix-product peak, the time the"
            + " step's arithmetic takes at the better peak (floor_ms) and the largest speedup over PyTorch that"
            + " floor allows; skipped with a message when torch is absent")
    boolean compareTorch;

    @Override
    public Integer call() throws Exception {
      if (iters < 1 || warmup < 0 || soak < 0 || gens.isEmpty() || gens.stream().anyMatch(g -> g < 1)) {
        throw new BadInputException("--iters and every --gens value must be >= 1, --warmup and --soak >= 0");
      }
      TrainBenchmark bench = new TrainBenchmark(new DcganGeometry(size, size, channels), gfDim, dfDim);
      PrintWriter out = spec.commandLine().getOut();
      out.printf("# cpu=%s threads=%s size=%d channels=%d gf_dim=%d df_dim=%d batch=64 iters=%d%n", MachineFacts.cpu(),
          System.getProperty("ai.djl.pytorch.num_threads", "default"), size, channels, gfDim, dfDim, iters);
      double peak = SgemmPeak.measure(2048, 5);
      out.printf("sgemm_peak_gflops=%.1f (2048x2048 float32 products through the engine)%n", peak);
      out.flush();
      for (int g : gens) {
        TrainBenchmark.Result result = bench.run(g, warmup, iters);
        out.println(result.describe(peak));
        if (compareTorch) {
          out.println(TorchComparison.run(size, channels, gfDim, dfDim, warmup, iters, result, peak));
        }
        out.flush();
      }
      if (soak > 0) {
        long[] rssAt200 = {-1};
        bench.run(gens.get(0), 0, soak, done -> {
          if (done == Math.min(200, soak)) {
            rssAt200[0] = MachineFacts.rssBytes();
          }
        });
        out.printf("soak gens=%d iterations=%d rss_mb_after_%d=%.0f rss_mb_after_%d=%.0f%n", gens.get(0), soak,
            Math.min(200, soak), rssAt200[0] / 1048576.0, soak, MachineFacts.rssBytes() / 1048576.0);
      }
      out.printf("peak_rss_mb=%.0f%n", MachineFacts.peakRssBytes() / 1048576.0);
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
            MachineFacts.cpu(), Runtime.getRuntime().availableProcessors(), MachineFacts.loadAverage());
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
        out.printf(Locale.ROOT, "# load_average=%.2f at the end%n", MachineFacts.loadAverage());
        out.flush();
        return 0;
      } finally {
        FileTrees.deleteRecursively(scratch);
      }
    }
  }

  @Command(name = "fid", mixinStandardHelpOptions = true,
      description = "Seconds to compute the FID of two .npy feature sets (by default seeded float32 Gaussians,"
          + " n x dims each), from one run: JVM start, .npy reading, statistics (means, covariances), Tr sqrt and"
          + " their sum apart, beside numpy's eigh form timed on the same files in python3 (skipped without"
          + " numpy); with the CPU model and the load average.")
  static final class Fid implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--n", defaultValue = "10000", description = "samples per set (default: ${DEFAULT-VALUE})")
    int n;

    @Option(names = "--dims", defaultValue = "2048", description = "feature dimensions (default: ${DEFAULT-VALUE})")
    int dims;

    @Option(names = {"--random_seed", "--random-seed"}, defaultValue = "1", description = "seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--a", paramLabel = "A.npy", description = "first feature set instead of generated ones (with --b)")
    Path a;

    @Option(names = "--b", paramLabel = "B.npy", description = "second feature set (with --a)")
    Path b;

    @Option(names = "--numpy-threads", split = ",", paramLabel = "T",
        description = "OPENBLAS_NUM_THREADS of each numpy run, comma-separated (default: the bgan thread count, then 1)")
    List<Integer> numpyThreads;

    @Override
    public Integer call() throws Exception {
      if ((a == null) != (b == null)) {
        throw new BadInputException("--a and --b go together");
      }
      if (n < 2 || dims < 1 || (long) n * dims > Integer.MAX_VALUE) {
        throw new BadInputException("--n must be >= 2, --dims >= 1, and n * dims at most " + Integer.MAX_VALUE);
      }
      List<Integer> threads = numpyThreads != null ? numpyThreads
          : List.copyOf(new LinkedHashSet<>(List.of(ComputeThreads.count(), 1)));
      if (threads.stream().anyMatch(t -> t < 1)) {
        throw BadInputException.inParameter("--numpy-threads", threads, "every value must be >= 1");
      }
      PrintWriter out = spec.commandLine().getOut();
      Path scratch = Files.createTempDirectory("bgan-bench-fid-");
      try {
        Path[] files = a != null ? new Path[] {a, b} : FidBenchmark.writeFeatures(scratch, n, dims, seed);
        new FidBenchmark(out).run(files[0], files[1], threads, scratch);
        return 0;
      } finally {
        FileTrees.deleteRecursively(scratch);
      }
    }
  }
}
