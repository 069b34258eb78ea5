package dev.bgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bgan.evaluate.metrics.JsDivergence;
import dev.bgan.evaluate.metrics.ModeCount;
import dev.bgan.testing.Python;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bgan metrics} on .npy files numpy wrote, against numpy/scipy's numbers; bad files exit 2. */
class MetricsCommandTest {
  // pytorch-fid's FID and the Improved-GAN Inception Score, on float32 and float64 arrays
  private static final String REFERENCE = String.join("\n",
      "import sys, numpy as np",
      "from scipy import linalg",
      "d = sys.argv[1]",
      "rng = np.random.default_rng(5)",
      "a = rng.standard_normal((300, 16)).astype(np.float32)",
      "b = (rng.standard_normal((400, 16)) @ rng.standard_normal((16, 16)) * 0.5 + 0.2)",
      "np.save(d + '/a.npy', a); np.save(d + '/b.npy', b)",
      "a = a.astype(np.float64)",
      "m1, s1, m2, s2 = a.mean(0), np.cov(a, rowvar=False), b.mean(0), np.cov(b, rowvar=False)",
      "fid = (m1 - m2) @ (m1 - m2) + np.trace(s1) + np.trace(s2) - 2 * np.trace(linalg.sqrtm(s1 @ s2).real)",
      "print(repr(float(fid)))",
      "p = rng.dirichlet([0.3] * 10, size=500).astype(np.float32)",
      "np.save(d + '/probs.npy', p)",
      "p = p.astype(np.float64)",
      "for splits in (10, 4):",
      "    s = [np.exp(np.mean(np.sum(q * (np.log(q) - np.log(q.mean(0, keepdims=True))), 1)))",
      "         for q in (p[i * 500 // splits:(i + 1) * 500 // splits] for i in range(splits))]",
      "    print(repr(float(np.mean(s))), repr(float(np.std(s))))",
      "c = np.array([[8, 0], [-4, 7], [-4, -7]])",
      "real = np.concatenate([rng.standard_normal((150, 2)) + m for m in c])",
      "np.save(d + '/real.npy', real)",
      "np.save(d + '/fake.npy', np.concatenate([rng.standard_normal((200, 2)) + m for m in c[:2]]).astype(np.float32))",
      "np.save(d + '/ints.npy', np.arange(12).reshape(6, 2))",
      "np.save(d + '/vector.npy', np.arange(6.0))",
      "np.save(d + '/wide.npy', rng.standard_normal((50, 3)))");

  @TempDir static Path dir;
  private static List<String> reference;

  @BeforeAll
  static void writeFiles() {
    reference = Python.run(List.of("numpy", "scipy"), REFERENCE, dir.toString()).lines().toList();
  }

  private static double value(CliRun run, String key) {
    return number(run.lastLine(), key);
  }

  @Test
  void fidAgreesWithScipy() {
    CliRun run = CliRun.of("metrics", "fid", "--a", dir.resolve("a.npy").toString(), "--b",
        dir.resolve("b.npy").toString()).expectSuccess();
    double expected = Double.parseDouble(reference.get(0));
    assertEquals(expected, value(run, "fid"), 1e-6 * expected);
  }

  @Test
  void benchFidTimesJavaAndNumpyOnTheSameFiles() {
    CliRun run = CliRun.of("bench", "fid", "--n", "300", "--dims", "24", "--numpy-threads", "1").expectSuccess();
    List<String> lines = run.out().lines().filter(l -> !l.startsWith("#")).toList();
    assertEquals(5, lines.size(), run.out());
    assertTrue(lines.get(0).matches("jvm_start_s=\\d+\\.\\d{3} .*"), run.out());
    assertTrue(lines.get(1).matches("java:  npy_read_s=\\S+ openblas_load_s=\\S+ statistics_s=\\S+ sqrt_trace_s=\\S+"
        + " compute_s=\\S+ compute_cpu_s=\\S+ fid=\\S+"), run.out());
    // the level-3 floor: two DSYRKs of 300 x 24 (upper triangles, n d (d + 1) flops each), DSYMM and DGEMM of 24 x 24
    double peak = number(lines.get(2), "dgemm_peak_gflops");
    double gflop = number(lines.get(2), "level3_gflop");
    assertEquals((2 * 300.0 * 24 * 25 + 4.0 * 24 * 24 * 24) / 1e9, gflop, 1e-3 * gflop, run.out());
    assertTrue(peak > 0, run.out());
    assertEquals(gflop / peak, number(lines.get(2), "floor_s"), 1e-2 * gflop / peak, run.out());
    assertTrue(lines.get(3).startsWith("numpy: npy_read_s="), run.out());
    assertTrue(lines.get(3).contains("OPENBLAS_NUM_THREADS=1"), run.out());
    // the same files: the same FID to rounding
    String javaFid = lines.get(1).substring(lines.get(1).indexOf("fid=") + 4);
    String numpyFid = lines.get(3).replaceAll(".* fid=(\\S+) .*", "$1");
    assertEquals(Double.parseDouble(numpyFid), Double.parseDouble(javaFid), 1e-9 * Double.parseDouble(numpyFid));
    assertTrue(lines.get(4).startsWith("java/numpy compute time (1 numpy threads): "), run.out());
    assertTrue(run.out().lines().anyMatch(l -> l.startsWith("# cpu: ")), run.out());
  }

  /** The number after {@code key=} in {@code line}. */
  private static double number(String line, String key) {
    Matcher m = Pattern.compile("(?:^| )" + Pattern.quote(key) + "=(\\S+)").matcher(line);
    assertTrue(m.find(), key + " in " + line);
    return Double.parseDouble(m.group(1));
  }

  @Test
  void inceptionScoreAgreesWithNumpy() {
    String probs = dir.resolve("probs.npy").toString();
    CliRun ten = CliRun.of("metrics", "is", "--probs", probs).expectSuccess();
    CliRun four = CliRun.of("metrics", "is", "--probs", probs, "--splits", "4").expectSuccess();
    for (int i = 0; i < 2; i++) {
      CliRun run = i == 0 ? ten : four;
      String[] expected = reference.get(1 + i).split(" ");
      assertEquals(Double.parseDouble(expected[0]), value(run, "is_mean"), 1e-6 * Double.parseDouble(expected[0]));
      assertEquals(Double.parseDouble(expected[1]), value(run, "is_std"), 1e-6 * Double.parseDouble(expected[1]));
    }
  }

  @Test
  void jsAndModesPrintWhatTheMetricsCompute() throws IOException {
    Path real = dir.resolve("real.npy");
    Path fake = dir.resolve("fake.npy");
    CliRun js = CliRun.of("metrics", "js", "--real", real.toString(), "--fake", fake.toString()).expectSuccess();
    double[][] r = MetricsCommand.samples(real);
    double[][] f = MetricsCommand.samples(fake);
    assertEquals(JsDivergence.between(r, f), value(js, "js"), 0.0);
    assertTrue(value(js, "js") > 0.05, js.out()); // a third of the real mass has no fakes
    CliRun modes = CliRun.of("metrics", "modes", "--points", real.toString()).expectSuccess();
    assertEquals(3, (int) value(modes, "modes"), modes.out());
    assertEquals(ModeCount.count(r, 0).modes(), (int) value(modes, "modes"));
    assertEquals(2, (int) value(CliRun.of("metrics", "modes", "--points", fake.toString()).expectSuccess(), "modes"));
  }

  @Test
  void badFilesAreOneLineErrorsWithExitTwo() throws IOException {
    Path text = Files.writeString(dir.resolve("text.npy"), "not numpy");
    String a = dir.resolve("a.npy").toString();
    List<List<String>> runs = List.of(
        List.of("metrics", "fid", "--a", a, "--b", dir.resolve("missing.npy").toString()),
        List.of("metrics", "fid", "--a", a, "--b", text.toString()),
        List.of("metrics", "fid", "--a", a, "--b", dir.resolve("wide.npy").toString()),
        List.of("metrics", "is", "--probs", dir.resolve("ints.npy").toString()),
        List.of("metrics", "is", "--probs", a),
        List.of("metrics", "js", "--real", dir.resolve("vector.npy").toString(), "--fake", a));
    List<String> expected = List.of("missing.npy", "text.npy: not a .npy file", "wide.npy: the feature sets have 16 and 3",
        "ints.npy: dtype int64: float32 or float64 expected", "a.npy: probabilities: row 0 has a negative entry",
        "vector.npy: shape (6,): a matrix");
    for (int i = 0; i < runs.size(); i++) {
      CliRun run = CliRun.of(runs.get(i).toArray(String[]::new));
      assertEquals(2, run.exitCode(), run.err());
      assertEquals(1, run.err().lines().count(), run.err());
      assertTrue(run.err().startsWith("error: ") && run.err().contains(expected.get(i)), run.err());
    }
  }
}
