package dev.bgan.cli;

import static org.bytedeco.openblas.global.openblas.CblasColMajor;
import static org.bytedeco.openblas.global.openblas.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas.cblas_dgemm;

import dev.bgan.common.ComputeThreads;
import dev.bgan.common.MachineFacts;
import dev.bgan.evaluate.linalg.OpenBlas;
import dev.bgan.evaluate.metrics.FeatureStatistics;
import dev.bgan.evaluate.metrics.FrechetDistance;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.DoublePointer;

/**
 * {@code bgan bench fid}: one FID of two .npy feature sets, timed per part (JVM start, .npy reading,
 * loading OpenBLAS, statistics, Tr sqrt, compute = statistics + Tr sqrt), beside numpy's eigh form
 * on the same files in a python3 subprocess (fid_bench.py), with the CPU model and the load average.
 * Beside wall-clock seconds, the process CPU seconds of the compute (all threads): on a shared
 * machine wall time mostly measures the other processes, CPU time much less so (spinning
 * OpenBLAS threads still count). Also the float64 matrix-product peak of the same OpenBLAS on the
 * same threads, and the time the FID's level-3 arithmetic alone (two DSYRKs, DSYMM, DGEMM; the
 * eigensolvers not counted) takes at that peak: a floor no implementation on this BLAS goes under.
 */
final class FidBenchmark {
  private static final String SCRIPT = "fid_bench.py";

  private final PrintWriter out;

  FidBenchmark(PrintWriter out) {
    this.out = out;
  }

  /** Seeded float32 features (what feature networks emit), n x dims each, written as .npy; returns both files. */
  static Path[] writeFeatures(Path dir, int n, int dims, long seed) {
    Random random = new Random(seed);
    float[] a = new float[n * dims];
    float[] b = new float[n * dims];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < dims; c++) {
        a[i * dims + c] = (float) random.nextGaussian();
        // a different mean and per-dimension scale, with one shared direction: a full covariance
        b[i * dims + c] = (float) (0.1 + (1 + 0.5 * c / dims) * random.nextGaussian() + 0.3 * a[i * dims]);
      }
    }
    return new Path[] {writeNpy(dir.resolve("a.npy"), a, n, dims), writeNpy(dir.resolve("b.npy"), b, n, dims)};
  }

  void run(Path a, Path b, List<Integer> numpyThreads, Path scratch) {
    // the JVM's own start (not its process's, which with the bgan launcher's exec includes the script)
    double jvmStart = (System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime()) / 1e3;
    int threads = ComputeThreads.count();
    out.printf(Locale.ROOT, "# cpu: %s, %d cores; load average %.2f (1 min) before%n", MachineFacts.cpu(),
        Runtime.getRuntime().availableProcessors(), MachineFacts.loadAverage());
    out.printf(Locale.ROOT, "# OpenBLAS: %d threads for DSYRK/DSYMM/DGEMM, 1 for DSYEVD (%s=%d)%n", threads,
        ComputeThreads.PROPERTY, threads);
    out.printf(Locale.ROOT, "jvm_start_s=%.3f (JVM start to this command: boot, class loading, option parsing)%n",
        jvmStart);
    out.flush();

    long t0 = System.nanoTime();
    double[][] x = MetricsCommand.samples(a);
    double[][] y = MetricsCommand.samples(b);
    long t1 = System.nanoTime();
    OpenBlas.parallel(() -> null);
    long t2 = System.nanoTime();
    double cpu2 = MachineFacts.processCpuSeconds();
    FeatureStatistics sx = FeatureStatistics.of(x);
    FeatureStatistics sy = FeatureStatistics.of(y);
    long t3 = System.nanoTime();
    double fid = FrechetDistance.fromStatistics(sx, sy);
    long t4 = System.nanoTime();
    double cpu4 = MachineFacts.processCpuSeconds();
    double javaCompute = (t4 - t2) / 1e9;
    out.printf(Locale.ROOT, "# a: %s (%d x %d), b: %s (%d x %d)%n", a, x.length, x[0].length, b, y.length, y[0].length);
    out.printf(Locale.ROOT, "java:  npy_read_s=%.3f openblas_load_s=%.3f statistics_s=%.3f sqrt_trace_s=%.3f"
        + " compute_s=%.3f compute_cpu_s=%.3f fid=%s%n", (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9,
        (t4 - t3) / 1e9, javaCompute, cpu4 - cpu2, fid);
    double peak = dgemmPeakGflops(2048, 5);
    long n = x.length + y.length;
    long d = x[0].length;
    // DSYRK of d x n data: the upper triangle, n d (d + 1) flops; DSYMM and DGEMM of d x d: 2 d^3 each.
    double level3Flops = (double) n * d * (d + 1) + 4.0 * d * d * d;
    out.printf(Locale.ROOT, "dgemm_peak_gflops=%.1f (2048x2048 float64 products, %d threads) level3_gflop=%.4g"
        + " floor_s=%.3g (the level-3 part alone at the peak; eigensolvers not counted) compute_x_floor=%.2f%n",
        peak, threads, level3Flops / 1e9, level3Flops / 1e9 / peak, javaCompute / (level3Flops / 1e9 / peak));
    out.flush();
    x = null;
    y = null;

    for (int numpyThread : numpyThreads) {
      Map<String, String> numpy = numpy(a, b, numpyThread, scratch);
      if (numpy == null) {
        out.println("numpy: skipped (python3 cannot import numpy)");
        break;
      }
      double numpyCompute = Double.parseDouble(numpy.get("compute_s"));
      double numpyFid = Double.parseDouble(numpy.get("fid"));
      out.printf(Locale.ROOT, "numpy: npy_read_s=%s statistics_s=%s sqrt_trace_s=%s compute_s=%s compute_cpu_s=%s fid=%s"
          + " (numpy %s, eigh form, OPENBLAS_NUM_THREADS=%d; python start and import %s s)%n", numpy.get("npy_read_s"),
          numpy.get("statistics_s"), numpy.get("sqrt_trace_s"), numpy.get("compute_s"), numpy.get("compute_cpu_s"),
          numpy.get("fid"),
          numpy.get("numpy"), numpyThread, numpy.get("start_s"));
      out.printf(Locale.ROOT, "java/numpy compute time (%d numpy threads): %.2f; |fid difference| / fid: %.1e%n",
          numpyThread, javaCompute / numpyCompute, Math.abs(fid - numpyFid) / Math.abs(numpyFid));
      out.flush();
    }
    out.printf(Locale.ROOT, "# load average %.2f (1 min) after%n", MachineFacts.loadAverage());
    out.flush();
  }

  /** Best GFLOP/s of {@code n} x {@code n} float64 products through OpenBLAS on the pinned threads, after two untimed. */
  private static double dgemmPeakGflops(int n, int repeats) {
    Random random = new Random(1);
    try (DoublePointer a = new DoublePointer(random.doubles((long) n * n).toArray());
        DoublePointer b = new DoublePointer(random.doubles((long) n * n).toArray());
        DoublePointer c = new DoublePointer((long) n * n)) {
      double best = OpenBlas.parallel(() -> {
        double fastest = Double.MAX_VALUE;
        for (int r = -2; r < repeats; r++) {
          long start = System.nanoTime();
          cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1.0, a, n, b, n, 0.0, c, n);
          if (r >= 0) {
            fastest = Math.min(fastest, (System.nanoTime() - start) / 1e9);
          }
        }
        return fastest;
      });
      return 2.0 * n * n * n / best / 1e9;
    }
  }

  /** numpy's timings and FID (keys of fid_bench.py, plus start_s), or null when python3 has no numpy. */
  private static Map<String, String> numpy(Path a, Path b, int threads, Path scratch) {
    try {
      Path script = scratch.resolve(SCRIPT);
      if (!Files.exists(script)) {
        try (InputStream in = FidBenchmark.class.getResourceAsStream(SCRIPT)) {
          Files.copy(in, script);
        }
      }
      ProcessBuilder builder = new ProcessBuilder("python3", script.toString(), a.toString(), b.toString())
          .redirectErrorStream(true);
      builder.environment().put("OPENBLAS_NUM_THREADS", Integer.toString(threads));
      builder.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
      long start = System.nanoTime();
      Process process;
      try {
        process = builder.start();
      } catch (IOException e) {
        return null; // no python3 at all
      }
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0) {
        throw new IllegalStateException("python3 " + SCRIPT + " failed: " + output);
      }
      double wall = (System.nanoTime() - start) / 1e9;
      String last = output.lines().reduce((first, second) -> second).orElse("");
      if (last.equals("numpy_missing")) {
        return null;
      }
      Map<String, String> values = new LinkedHashMap<>();
      for (String pair : last.split(" ")) {
        String[] kv = pair.split("=", 2);
        if (kv.length != 2) {
          throw new IllegalStateException("python3 " + SCRIPT + " printed " + output);
        }
        values.put(kv[0], kv[1]);
      }
      double inside = Double.parseDouble(values.get("npy_read_s")) + Double.parseDouble(values.get("compute_s"));
      values.put("start_s", String.format(Locale.ROOT, "%.3f", wall - inside));
      return values;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running python3", e);
    }
  }

  /** A C-order little-endian float32 .npy file (format 1.0). */
  private static Path writeNpy(Path file, float[] values, int rows, int columns) {
    String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + rows + ", " + columns + "), }";
    int unpadded = 6 + 2 + 2 + dict.length() + 1;
    String header = dict + " ".repeat((64 - unpadded % 64) % 64) + "\n";
    ByteBuffer prefix = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
    prefix.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length());
    ByteBuffer data = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    data.asFloatBuffer().put(values);
    try (OutputStream stream = Files.newOutputStream(file)) {
      stream.write(prefix.array());
      stream.write(header.getBytes(StandardCharsets.US_ASCII));
      stream.write(data.array());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }
}
