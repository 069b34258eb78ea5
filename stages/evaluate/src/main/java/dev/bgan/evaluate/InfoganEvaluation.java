package dev.bgan.evaluate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.bgan.common.Seeds;
import dev.bgan.dataset.ImageSplit;
import dev.bgan.evaluate.metrics.ClusteringAccuracy;
import dev.bgan.proto.EvaluateConfig;
import dev.bgan.proto.InfoganCodes;
import dev.bgan.train.TrainedModel;
import dev.bgan.train.nn.Conditioning;
import dev.bgan.train.nn.InfoganFamily;
import dev.bgan.train.nn.LatentCodes;
import dev.bgan.train.nn.Network;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * What an InfoGAN model's codes capture: Q's categorical code (argmax of its class logits, inference
 * mode) as an unsupervised clustering of the test split, at every saved iteration and discriminator
 * chain, scored by {@link ClusteringAccuracy}; and, at the last saved iteration, a traversal grid per
 * generator sample and continuous code: row k = categorical value k, columns = the code from
 * {@value #LOW} to {@value #HIGH} in {@value #STEPS} steps (beyond training's [-1, 1], as in the
 * paper's figures), the other continuous codes 0 and one z, from the seed, for the whole grid.
 */
final class InfoganEvaluation {
  static final String DIR = "traversals";
  static final int STEPS = 9;
  static final float LOW = -2f;
  static final float HIGH = 2f;
  private static final int BATCH = 500;

  private InfoganEvaluation() {}

  /** Whether {@code model} is an InfoGAN model, whose generators take {@link LatentCodes}. */
  static boolean applies(TrainedModel model) {
    return model.conditioning() instanceof LatentCodes;
  }

  /**
   * @param bnTrain the train split when the discriminators' batch-norm statistics are re-estimated on
   *     real images before Q reads the test split ({@link BatchNormStatistics#REAL}), else null
   */
  static InfoganCodes run(TrainedModel model, ImageSplit test, ImageSplit bnTrain, boolean clustering, boolean grids,
      int chains, EvaluateConfig config, NDManager manager, Path out) throws IOException {
    InfoganCodes.Builder codes = InfoganCodes.newBuilder().setNumChains(chains);
    LatentCodes latent = (LatentCodes) model.conditioning();
    int last = model.lastIteration();
    if (clustering) {
      double finalSum = 0;
      for (int iteration : model.savedIterations()) {
        codes.addIterations(iteration);
        for (int k = 0; k < chains; k++) {
          try (NDManager scope = manager.newSubManager()) {
            Network d = model.networks().discriminator(scope, k);
            model.loadDiscriminator(d, k, iteration, scope);
            if (bnTrain != null) {
              BatchNormStatistics.reestimate(d, bnTrain, scope);
            }
            ClusteringAccuracy score = ClusteringAccuracy.of(categoricalCodes(d, test, scope), test.labels(),
                latent.categories(), Math.max(latent.categories(), maxLabel(test.labels()) + 1));
            codes.addClusteringAccuracy(score.accuracy());
            if (iteration == last) {
              finalSum += score.accuracy();
              if (k == 0) {
                Arrays.stream(score.labelOfCluster()).forEach(codes::addLabelOfCode);
              }
            }
          }
        }
      }
      codes.setFinalClusteringAccuracy(finalSum / chains);
    }
    if (grids) {
      writeTraversals(model, latent, last, config, test, manager, out, codes);
    }
    return codes.build();
  }

  /** Q's categorical code (argmax of {@link InfoganFamily#Q_LOGITS}) of every test image. */
  static int[] categoricalCodes(Network d, ImageSplit split, NDManager manager) {
    int[] codes = new int[split.size()];
    for (int start = 0; start < split.size(); start += BATCH) {
      int n = Math.min(BATCH, split.size() - start);
      int[] idx = new int[n];
      for (int i = 0; i < n; i++) {
        idx[i] = start + i;
      }
      try (NDManager batch = manager.newSubManager()) {
        NDArray x = batch.create(split.chwScaled(idx), new Shape(n, split.channels(), split.height(), split.width()));
        NDArray logits = d.heads(x, false, false).get(InfoganFamily.Q_LOGITS);
        long[] best = logits.argMax(1).toLongArray();
        for (int i = 0; i < n; i++) {
          codes[start + i] = (int) best[i];
        }
      }
    }
    return codes;
  }

  private static void writeTraversals(TrainedModel model, LatentCodes latent, int iteration, EvaluateConfig config,
      ImageSplit shape, NDManager manager, Path out, InfoganCodes.Builder codes) throws IOException {
    Files.createDirectories(out.resolve(DIR));
    int rows = latent.categories();
    int zDim = model.config().getZDim();
    float[] z = ImageQualityEvaluation.uniformLatents(new SplittableRandom(Seeds.child(config.getRandomSeed(),
        "traversal")), zDim);
    float[] grid = new float[rows * STEPS * zDim];
    for (int i = 0; i < rows * STEPS; i++) {
      System.arraycopy(z, 0, grid, i * zDim, zDim);
    }
    for (int g = 0; g < model.networks().generatorCount(); g++) {
      for (int code = 0; code < latent.continuous(); code++) {
        try (NDManager scope = manager.newSubManager()) {
          Network generator = model.generator(scope, g, iteration);
          NDArray input = latent.input(scope.create(grid, new Shape((long) rows * STEPS, zDim)),
              traversal(latent, code));
          float[] images = generator.forward(input, false).toFloatArray();
          String name = String.format("%s/generator-%02d-code-%d.png", DIR, g, code);
          SampleGrid.write(SampleGrid.tile(images, rows * STEPS, shape.channels(), shape.height(), shape.width(),
              rows, STEPS), out.resolve(name));
          codes.addTraversalGrids(name);
        }
      }
    }
  }

  /** Row-major (categorical value, step) codes: continuous code {@code code} from LOW to HIGH, the others 0. */
  static Conditioning traversal(LatentCodes latent, int code) {
    int rows = latent.categories();
    int[] categories = new int[rows * STEPS];
    float[][] continuous = new float[rows * STEPS][latent.continuous()];
    for (int r = 0; r < rows; r++) {
      for (int s = 0; s < STEPS; s++) {
        categories[r * STEPS + s] = r;
        continuous[r * STEPS + s][code] = LOW + (HIGH - LOW) * s / (STEPS - 1);
      }
    }
    return new Conditioning(null, categories, continuous);
  }

  private static int maxLabel(int[] labels) {
    return Arrays.stream(labels).max().orElse(0);
  }
}
