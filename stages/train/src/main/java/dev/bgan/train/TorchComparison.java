package dev.bgan.train;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times {@link TrainBenchmark}'s iteration in the system's PyTorch (the shipped script
 * {@code bench_torch_step.py}, run by a python3 that has torch, with the same thread count), so that one benchmark run
 * prints bgan's time and PyTorch's side by side.
 */
public final class TorchComparison {
  private static final String SCRIPT = "bench_torch_step.py";
  /** The first one that imports torch: the PATH's, then Debian's (which python3-torch installs into). */
  private static final List<String> INTERPRETERS = List.of("python3", "/usr/bin/python3");
  private static final Pattern RESULT = Pattern.compile(
      "torch_version=(\\S+) ms_per_iter=([0-9.]+) sgemm_peak_gflops=([0-9.]+)");
  private static final long TIMEOUT_MINUTES = 30;

  private TorchComparison() {}

  /**
   * One line: PyTorch's median ms per iteration beside bgan's, or why it was skipped; and PyTorch's own
   * matrix-product peak, so that the line also bounds the speedup: at the better of the two peaks
   * ({@code floor_ms}), the step's arithmetic alone takes that long, and no implementation can beat
   * PyTorch's time by more than {@code max_speedup} without a faster kernel than either BLAS has.
   */
  public static String run(int size, int channels, int gfDim, int dfDim, int warmup, int iterations,
      TrainBenchmark.Result bgan, double enginePeakGflops) throws IOException, InterruptedException {
    int generators = bgan.generators();
    String python = null;
    for (String candidate : INTERPRETERS) {
      if (python == null && exec(List.of(candidate, "-c", "import torch")).exitCode() == 0) {
        python = candidate;
      }
    }
    if (python == null) {
      return "torch gens=" + generators + " skipped: no python3 imports torch (tried " + String.join(", ", INTERPRETERS)
          + "; Debian: apt-get install python3-torch)";
    }
    Path script = Files.createTempFile("bgan-bench-torch-", ".py");
    try {
      try (InputStream in = TorchComparison.class.getResourceAsStream(SCRIPT)) {
        Files.write(script, in.readAllBytes());
      }
      String threads = System.getProperty("ai.djl.pytorch.num_threads", Integer.toString(
          Runtime.getRuntime().availableProcessors()));
      List<String> command = new ArrayList<>(List.of(python, script.toString(), "--size", Integer.toString(size),
          "--channels", Integer.toString(channels), "--gf", Integer.toString(gfDim), "--df", Integer.toString(dfDim),
          "--gens", Integer.toString(generators), "--warmup", Integer.toString(warmup),
          "--iters", Integer.toString(iterations), "--threads", threads));
      Exec result = exec(command);
      Matcher m = RESULT.matcher(result.output());
      if (result.exitCode() != 0 || !m.find()) {
        return "torch gens=" + generators + " failed (exit " + result.exitCode() + "): " + result.output().strip();
      }
      double torchMs = Double.parseDouble(m.group(2));
      double torchPeak = Double.parseDouble(m.group(3));
      double floorMs = bgan.limitMs(Math.max(enginePeakGflops, torchPeak));
      return String.format(Locale.ROOT, "torch gens=%d version=%s ms_per_iter=%.1f bgan_speedup=%.2f"
          + " torch_sgemm_peak_gflops=%.1f floor_ms=%.1f max_speedup=%.2f", generators, m.group(1), torchMs,
          torchMs / bgan.medianMs(), torchPeak, floorMs, torchMs / floorMs);
    } finally {
      Files.deleteIfExists(script);
    }
  }

  private record Exec(int exitCode, String output) {}

  private static Exec exec(List<String> command) throws IOException, InterruptedException {
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      return new Exec(-1, command.get(0) + " cannot be run: " + e.getMessage());
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      return new Exec(-1, "timed out after " + TIMEOUT_MINUTES + " minutes");
    }
    return new Exec(process.exitValue(), output);
  }
}
