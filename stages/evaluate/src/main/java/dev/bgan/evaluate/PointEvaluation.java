package dev.bgan.evaluate;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.bgan.common.Seeds;
import dev.bgan.dataset.PointSplit;
import dev.bgan.evaluate.metrics.JsDivergence;
import dev.bgan.evaluate.metrics.ModeCount;
import dev.bgan.evaluate.metrics.PrincipalPlane;
import dev.bgan.proto.EvaluateConfig;
import dev.bgan.proto.EvaluationMetrics;
import dev.bgan.proto.PointCurveEntry;
import dev.bgan.train.TrainedModel;
import dev.bgan.train.nn.Network;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The synthetic experiment's evaluation of a model trained on points: at every saved iteration,
 * {@code num_fake_points} fakes pooled over the generator samples (the same z at every iteration),
 * their JS divergence from {@code num_real_points} real points in the real points' PCA plane, and
 * the number of modes of the fakes there; a scatter plot of real and fake points in that plane
 * at the last saved iteration.
 */
final class PointEvaluation {
  static final String SCATTER = "plots/pca-scatter.png";

  private final TrainedModel model;
  private final EvaluateConfig config;
  private final double[][] realPlane;
  private final PrincipalPlane plane;
  private final JsDivergence.Reference reference;

  private PointEvaluation(TrainedModel model, EvaluateConfig config, double[][] real) {
    this.model = model;
    this.config = config;
    this.plane = PrincipalPlane.fit(real);
    this.realPlane = plane.project(real);
    this.reference = JsDivergence.Reference.of(realPlane);
  }

  /** Evaluates the saved iterations {@code saved} of {@code model} into {@code metrics}, plots under {@code out}. */
  static void run(TrainedModel model, PointSplit train, List<Integer> saved, EvaluateConfig config,
      NDManager manager, Path out, EvaluationMetrics.Builder metrics) throws IOException {
    double[][] real = realSubset(train, config);
    PointEvaluation evaluation = new PointEvaluation(model, config, real);
    double[][] lastFakes = null;
    for (int iteration : saved) {
      double[][] fakes = evaluation.plane.project(evaluation.fakes(iteration, train.dimension(), manager));
      metrics.addPointCurve(PointCurveEntry.newBuilder()
          .setIteration(iteration)
          .setJsDivergence(evaluation.reference.to(fakes))
          .setModes(ModeCount.count(fakes, Seeds.child(config.getRandomSeed(), "modes", iteration)).modes()));
      lastFakes = fakes;
    }
    metrics.setNumFakePoints(config.getNumFakePoints()).setNumRealPoints(real.length);
    Files.createDirectories(out.resolve(SCATTER).getParent());
    Files.write(out.resolve(SCATTER), PcaScatter.png(
        "PCA plane of the real points, iteration " + saved.get(saved.size() - 1), evaluation.realPlane, lastFakes));
    metrics.addSampleGrids(SCATTER);
  }

  /** The first {@code num_real_points} of a shuffle seeded by the evaluation's seed (all when 0 or more than there are). */
  private static double[][] realSubset(PointSplit train, EvaluateConfig config) {
    int[] order = new int[train.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    SplittableRandom random = new SplittableRandom(Seeds.child(config.getRandomSeed(), "real points"));
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    int n = config.getNumRealPoints() == 0 ? order.length : Math.min(config.getNumRealPoints(), order.length);
    double[][] real = new double[n][];
    for (int i = 0; i < n; i++) {
      float[] row = train.rows(new int[] {order[i]});
      real[i] = new double[row.length];
      for (int d = 0; d < row.length; d++) {
        real[i][d] = row[d];
      }
    }
    return real;
  }

  /** The fakes of every generator sample saved at {@code iteration}, generator after generator. */
  private double[][] fakes(int iteration, int dimension, NDManager manager) throws IOException {
    int generators = model.networks().generatorCount();
    int total = config.getNumFakePoints();
    double[][] fakes = new double[total][];
    int filled = 0;
    for (int g = 0; g < generators; g++) {
      int count = total / generators + (g < total % generators ? 1 : 0);
      if (count == 0) {
        continue;
      }
      try (NDManager scope = manager.newSubManager()) {
        Network generator = model.generator(scope, g, iteration);
        Engine.getInstance().setRandomSeed((int) Seeds.child(config.getRandomSeed(), "points", g));
        NDArray z = scope.randomUniform(-1f, 1f, new Shape(count, model.config().getZDim()), DataType.FLOAT32);
        float[] values = generator.forward(z, false).toFloatArray();
        for (int i = 0; i < count; i++) {
          double[] row = new double[dimension];
          for (int d = 0; d < dimension; d++) {
            row[d] = values[i * dimension + d];
          }
          fakes[filled++] = row;
        }
      }
    }
    return fakes;
  }
}
