package dev.bgan.evaluate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.bgan.common.Seeds;
import dev.bgan.dataset.ImageSplit;
import dev.bgan.proto.EvaluateConfig;
import dev.bgan.proto.EvaluationMetrics;
import dev.bgan.train.TrainedModel;
import dev.bgan.train.nn.Conditioning;
import dev.bgan.train.nn.ConditioningSampler;
import dev.bgan.train.nn.Network;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Latent-space interpolation, one PNG per generator sample: each row is a pair of latent vectors
 * z0, z1 (uniform on [-1, 1], from the seed), each column a point z0 + t (z1 - z0) with t stepping
 * linearly from 0 to 1. Every generator sample gets the same pairs, so rows compare across samples.
 */
final class InterpolationGrids {
  static final String DIR = "interpolations";

  private InterpolationGrids() {}

  static void write(TrainedModel model, int iteration, EvaluateConfig config, ImageSplit shape,
      NDManager manager, Path out, EvaluationMetrics.Builder metrics) throws IOException {
    Files.createDirectories(out.resolve(DIR));
    int pairs = config.getInterpPairs();
    int steps = config.getInterpSteps();
    int zDim = model.config().getZDim();
    float[] z = latents(pairs, steps, zDim, Seeds.child(config.getRandomSeed(), "interpolation"));
    ConditioningSampler conditioning = model.conditioning();
    // One conditioning per pair, kept along its row: the row interpolates z alone.
    Conditioning c = conditioning.draw(pairs,
        new SplittableRandom(Seeds.child(config.getRandomSeed(), "interpolation-conditioning"))).repeatEach(steps);
    for (int g = 0; g < model.networks().generatorCount(); g++) {
      try (NDManager scope = manager.newSubManager()) {
        Network generator = model.generator(scope, g, iteration);
        NDArray input = conditioning.input(scope.create(z, new Shape((long) pairs * steps, zDim)), c);
        float[] images = generator.forward(input, false).toFloatArray();
        String name = String.format("%s/generator-%02d.png", DIR, g);
        SampleGrid.write(SampleGrid.tile(images, pairs * steps, shape.channels(), shape.height(), shape.width(),
            pairs, steps), out.resolve(name));
        metrics.addInterpolationGrids(name);
      }
    }
  }

  /** Row-major (pair, step) latent vectors, pairs x steps x zDim. */
  static float[] latents(int pairs, int steps, int zDim, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] z = new float[pairs * steps * zDim];
    for (int p = 0; p < pairs; p++) {
      float[] ends = ImageQualityEvaluation.uniformLatents(random, 2 * zDim);
      for (int s = 0; s < steps; s++) {
        float t = steps == 1 ? 0f : (float) s / (steps - 1);
        for (int k = 0; k < zDim; k++) {
          z[(p * steps + s) * zDim + k] = ends[k] + t * (ends[zDim + k] - ends[k]);
        }
      }
    }
    return z;
  }
}
