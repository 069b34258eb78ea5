package dev.bgan.prepare.stage;

import dev.bgan.artifact.ArtifactStore;
import dev.bgan.artifact.CachePolicy;
import dev.bgan.common.FileTrees;
import dev.bgan.common.MachineFacts;
import dev.bgan.prepare.cifar.Cifar10Dataset;
import dev.bgan.prepare.cifar.Cifar10Files;
import dev.bgan.prepare.cifar.Cifar10Sources;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Images per second of {@code prepare cifar10} on CIFAR-10-sized input in the real layout (python
 * batches written by python3 with numpy), for each Beam runner, beside loading the same files
 * alone in Java and in Python (pickle + numpy, as training scripts do). Needs python3 with numpy.
 */
public final class PrepareBenchmark {
  private static final String SCRIPT = "cifar10_bench.py";

  private final Path scratch;
  private final int images;

  /** Benchmarks on {@code images} generated images (a multiple of 6: five train batches and a test batch). */
  public PrepareBenchmark(Path scratch, int images) {
    this.scratch = scratch;
    this.images = images;
  }

  /**
   * One timed measurement: wall seconds; the CPU seconds this JVM spent meanwhile, which other
   * processes on a busy machine do not inflate; and the time its JIT compiler threads spent compiling
   * meanwhile (elapsed, summed over those threads). The last two are negative where unknown, and
   * for Python, which runs in its own process.
   */
  public record Result(String what, int images, double seconds, double cpuSeconds, double jitSeconds) {
    public double imagesPerSecond() {
      return images / seconds;
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%s images=%d seconds=%.3f images_per_s=%.1f%s", what, images, seconds,
          imagesPerSecond(), cpuSeconds < 0 ? "" : String.format(Locale.ROOT, " jvm_cpu_s=%.3f", cpuSeconds))
          + (jitSeconds < 0 ? "" : String.format(Locale.ROOT, " jit_s=%.3f", jitSeconds));
    }
  }

  /** How the batches hold their pixels. */
  public enum Layout {
    /** As Python 2 pickled them, as the official files hold them: the bytes verbatim (BINSTRING). */
    PY2,
    /** As Python 3 pickles bytes under protocol 2: latin-1 text as UTF-8 (BINUNICODE), 1.5 times the size. */
    PY3
  }

  /** Writes the input; returns its directory. */
  public Path writeInput(long seed, Layout layout) throws IOException, InterruptedException {
    Path dir = scratch.resolve("cifar-10-batches-py");
    python("write", dir.toString(), Integer.toString(images), Long.toString(seed),
        layout.name().toLowerCase(Locale.ROOT));
    return dir;
  }

  /** Parsing and validating every batch in Java (what prepare does before its pipeline runs). */
  public Result javaLoad(Path input) {
    Cifar10Dataset.forgetParsedBatches();
    Meter meter = Meter.start();
    Cifar10Dataset dataset = Cifar10Dataset.load(Cifar10Files.locate(input));
    return meter.stop("java_load", Math.toIntExact(dataset.summary().getSplitsList().stream()
        .mapToLong(s -> s.getCount()).sum()));
  }

  /** The whole prepare stage (load, shards written by {@code runner}, hashes, publish) into a fresh store. */
  public Result prepare(Path input, BeamRunner runner) throws IOException {
    Path storeDir = Files.createTempDirectory(scratch, "store-");
    try {
      PrepareRequest request = PrepareRequest.defaults().withSourceDir(input).withPolicy(CachePolicy.FORCE)
          .withRunner(runner);
      Cifar10Dataset.forgetParsedBatches();
      Meter meter = Meter.start();
      DatasetPreparers.cifar10(Cifar10Sources.standard()).run(ArtifactStore.open(storeDir), request);
      return meter.stop(runner.name().equals("direct") ? "prepare_direct"
          : "prepare_flink_parallelism_" + runner.parallelism(), images);
    } finally {
      FileTrees.deleteRecursively(storeDir);
    }
  }

  /** Wall clock, this JVM's CPU time and its compilers' time from a start, for one {@link Result}. */
  private record Meter(long startNanos, double cpuSeconds, double jitSeconds) {
    static Meter start() {
      return new Meter(System.nanoTime(), MachineFacts.processCpuSeconds(), MachineFacts.jitSeconds());
    }

    Result stop(String what, int images) {
      double seconds = (System.nanoTime() - startNanos) / 1e9;
      return new Result(what, images, seconds, MachineFacts.processCpuSeconds() - cpuSeconds,
          MachineFacts.jitSeconds() - jitSeconds);
    }
  }

  /** Python's pickle + numpy load of the same files into (N, 32, 32, 3) arrays. */
  public Result pythonLoad(Path input) throws IOException, InterruptedException {
    String[] words = python("load", input.toString()).trim().split("\\s+");
    return new Result("python_pickle_numpy_load", Integer.parseInt(words[3]), Double.parseDouble(words[1]), -1, -1);
  }

  private String python(String... args) throws IOException, InterruptedException {
    Path script = scratch.resolve(SCRIPT);
    if (!Files.exists(script)) {
      try (InputStream in = PrepareBenchmark.class.getResourceAsStream(SCRIPT)) {
        Files.copy(in, script);
      }
    }
    List<String> command = new ArrayList<>(List.of("python3", script.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0) {
      throw new IOException("python3 " + SCRIPT + " " + args[0] + " failed (the benchmark needs python3 with"
          + " numpy): " + output.strip());
    }
    return output;
  }
}
