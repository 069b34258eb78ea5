package dev.bgan.cli;

import dev.bgan.common.BadInputException;
import dev.bgan.dataset.NpyArray;
import dev.bgan.evaluate.metrics.FrechetDistance;
import dev.bgan.evaluate.metrics.InceptionScore;
import dev.bgan.evaluate.metrics.JsDivergence;
import dev.bgan.evaluate.metrics.ModeCount;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bgan metrics}: the evaluate stage's metric code on raw float32/float64 .npy arrays (rows =
 * samples), so numbers can be checked against other tools. The value(s) are on the last line.
 */
@Command(name = "metrics", mixinStandardHelpOptions = true,
    description = "FID, Inception Score, JS divergence and mode count of raw .npy arrays (value(s) on the last line).",
    subcommands = {MetricsCommand.Fid.class, MetricsCommand.Is.class, MetricsCommand.Js.class, MetricsCommand.Modes.class})
final class MetricsCommand {
  private MetricsCommand() {}

  @Command(name = "fid", mixinStandardHelpOptions = true,
      description = "Frechet distance of two feature sets (n x d each): prints fid=VALUE.")
  static final class Fid implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--a", required = true, paramLabel = "A.npy", description = "first feature set, n x d")
    Path a;

    @Option(names = "--b", required = true, paramLabel = "B.npy", description = "second feature set, m x d")
    Path b;

    @Override
    public Integer call() {
      double[][] x = samples(a);
      double[][] y = samples(b);
      double fid = computed(a + ", " + b, () -> FrechetDistance.between(x, y));
      PrintWriter out = spec.commandLine().getOut();
      out.printf("a: %d x %d, b: %d x %d%n", x.length, x[0].length, y.length, y[0].length);
      out.println("fid=" + fid);
      return 0;
    }
  }

  @Command(name = "is", mixinStandardHelpOptions = true,
      description = "Inception Score of class probabilities p(y|x) (n x K rows summing to 1): prints is_mean=M is_std=S.")
  static final class Is implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--probs", required = true, paramLabel = "P.npy", description = "class probabilities, n x K")
    Path probs;

    @Option(names = "--splits", defaultValue = "" + InceptionScore.DEFAULT_SPLITS,
        description = "contiguous splits (default: ${DEFAULT-VALUE})")
    int splits;

    @Override
    public Integer call() {
      if (splits < 1) {
        throw BadInputException.inParameter("--splits", splits, "must be >= 1");
      }
      double[][] p = samples(probs);
      InceptionScore.Score score = computed(probs.toString(), () -> InceptionScore.of(p, splits));
      PrintWriter out = spec.commandLine().getOut();
      out.printf("probs: %d x %d, splits: %d%n", p.length, p[0].length, splits);
      out.println("is_mean=" + score.mean() + " is_std=" + score.std());
      return 0;
    }
  }

  @Command(name = "js", mixinStandardHelpOptions = true,
      description = "JS divergence of the reference's analyze_div (PCA(2) of the real points, Gaussian KDEs on a"
          + " grid): prints js=VALUE.")
  static final class Js implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--real", required = true, paramLabel = "R.npy", description = "real points, n x d (d >= 2)")
    Path real;

    @Option(names = "--fake", required = true, paramLabel = "F.npy", description = "generated points, m x d")
    Path fake;

    @Override
    public Integer call() {
      double[][] r = samples(real);
      double[][] f = samples(fake);
      double js = computed(real + ", " + fake, () -> JsDivergence.between(r, f));
      PrintWriter out = spec.commandLine().getOut();
      out.printf("real: %d x %d, fake: %d x %d%n", r.length, r[0].length, f.length, f[0].length);
      out.println("js=" + js);
      return 0;
    }
  }

  @Command(name = "modes", mixinStandardHelpOptions = true,
      description = "Number of modes: Gaussian mixtures with k = 1..19 full-covariance components fitted to the"
          + " points as given, the k of least AIC; prints the AIC of each k, then modes=K.")
  static final class Modes implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--points", required = true, paramLabel = "P.npy", description = "points, n x d (low d: see README)")
    Path points;

    @Option(names = {"--random_seed", "--random-seed"}, defaultValue = "0",
        description = "seed of the k-means++ initialisations (default: ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() {
      double[][] p = samples(points);
      ModeCount.Result result = computed(points.toString(), () -> ModeCount.count(p, seed));
      PrintWriter out = spec.commandLine().getOut();
      for (ModeCount.Fit fit : result.fits()) {
        out.printf("k=%d aic=%s%s%s%n", fit.components(), fit.aic(), fit.converged() ? "" : " (not converged)",
            fit.failure().isEmpty() ? "" : " " + fit.failure());
      }
      out.println("modes=" + result.modes());
      return 0;
    }
  }

  /** The rows of a float32/float64 .npy matrix with at least 2 rows of finite values. */
  static double[][] samples(Path file) {
    NpyArray array = NpyArray.read(file);
    if (!array.dtype().isFloat()) {
      throw BadInputException.inFile(file, "dtype " + array.dtype().numpyName() + ": float32 or float64 expected");
    }
    int[] shape = array.shape();
    if (shape.length != 2 || shape[0] < 2 || shape[1] < 1) {
      throw BadInputException.inFile(file, "shape " + NpyArray.shapeText(shape)
          + ": a matrix of at least 2 rows (samples) and 1 column expected");
    }
    double[] values = array.toDoubles();
    double[][] rows = new double[shape[0]][shape[1]];
    for (int i = 0; i < shape[0]; i++) {
      for (int c = 0; c < shape[1]; c++) {
        double v = values[i * shape[1] + c];
        if (!Double.isFinite(v)) {
          throw BadInputException.inFile(file, "row " + i + " column " + c + " is " + v);
        }
        rows[i][c] = v;
      }
    }
    return rows;
  }

  /** Runs a metric; what it refuses about the data becomes a one-line error naming the file(s). */
  private static <T> T computed(String files, Supplier<T> metric) {
    try {
      return metric.get();
    } catch (IllegalArgumentException e) {
      throw new BadInputException(files + ": " + e.getMessage(), e);
    }
  }
}
