package dev.bgan.evaluate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.bgan.common.BadInputException;
import dev.bgan.common.Progress;
import dev.bgan.common.Seeds;
import dev.bgan.dataset.ImageSplit;
import dev.bgan.evaluate.features.FeatureNetwork;
import dev.bgan.evaluate.metrics.FeatureStatistics;
import dev.bgan.evaluate.metrics.FrechetDistance;
import dev.bgan.evaluate.metrics.InceptionScore;
import dev.bgan.proto.EvaluateConfig;
import dev.bgan.proto.ImageQuality;
import dev.bgan.proto.ImageScores;
import dev.bgan.train.TrainedModel;
import dev.bgan.train.nn.ConditioningSampler;
import dev.bgan.train.nn.Network;
import java.io.IOException;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * FID and Inception Score of the images of each generator sample at one saved iteration, and of
 * the pooled posterior: a set as large, whose image i comes from generator sample i mod J, so that
 * every one of the 10 contiguous IS splits mixes all samples. The FID reference set is the first
 * {@code num_samples} real test images. Latent vectors are uniform on [-1, 1] (as in training),
 * followed by the model's conditioning, both drawn from a Java generator seeded per generator sample,
 * so the metrics depend on the seed only.
 */
final class ImageQualityEvaluation {
  private static final int BATCH = 100;

  private ImageQualityEvaluation() {}

  static ImageQuality run(TrainedModel model, int iteration, ImageSplit test, FeatureNetwork net,
      boolean fid, boolean is, EvaluateConfig config, NDManager manager) throws IOException {
    if (is && !net.hasProbabilities()) {
      throw BadInputException.inParameter("metrics", config.getMetrics(), "the Inception Score needs class "
          + "probabilities, and the feature network " + net.describe().getFileName() + " has only one output");
    }
    int n = config.getNumSamples();
    int generators = model.networks().generatorCount();
    int reference = Math.min(n, test.size());
    ImageQuality.Builder quality = ImageQuality.newBuilder().setNetwork(net.describe())
        .setSeed(config.getRandomSeed()).setIteration(iteration).setNumSamples(n).setNumReference(reference)
        .setSplits(InceptionScore.DEFAULT_SPLITS);
    FeatureNetwork.Outputs real;
    try (Progress progress = Progress.start("evaluate fid/is", (long) reference + (long) n * generators, 0, "img")) {
      real = realOutputs(test, reference, net, manager, progress);
      FeatureStatistics realStats = fid ? FeatureStatistics.of(real.features()) : null;
      quality.setReal(scores("real", real, null, is));
      double[][] pooledFeatures = new double[n][];
      double[][] pooledProbs = is ? new double[n][] : null;
      for (int g = 0; g < generators; g++) {
        FeatureNetwork.Outputs fake = generatedOutputs(model, iteration, g, config, net, manager, progress);
        quality.addPerSample(scores(String.format("generator-%02d", g), fake, realStats, is));
        for (int i = g; i < n; i += generators) {
          pooledFeatures[i] = fake.features()[i / generators];
          if (is) {
            pooledProbs[i] = fake.probabilities()[i / generators];
          }
        }
      }
      quality.setPooled(scores("pooled", new FeatureNetwork.Outputs(pooledFeatures, pooledProbs), realStats, is));
    }
    return quality.build();
  }

  private static ImageScores scores(String name, FeatureNetwork.Outputs outputs, FeatureStatistics realStats,
      boolean is) {
    ImageScores.Builder scores = ImageScores.newBuilder().setName(name).setNumImages(outputs.features().length);
    if (realStats != null) {
      scores.setFid(FrechetDistance.fromStatistics(FeatureStatistics.of(outputs.features()), realStats));
    }
    if (is) {
      InceptionScore.Score score = InceptionScore.of(outputs.probabilities(), InceptionScore.DEFAULT_SPLITS);
      scores.setInceptionScore(score.mean()).setInceptionScoreStd(score.std());
    }
    return scores.build();
  }

  /** The first {@code count} real test images through the network. */
  static FeatureNetwork.Outputs realOutputs(ImageSplit test, int count, FeatureNetwork net,
      NDManager manager, Progress progress) {
    double[][] features = new double[count][];
    double[][] probs = new double[count][];
    for (int start = 0; start < count; start += BATCH) {
      int[] idx = IntStream.range(start, Math.min(count, start + BATCH)).toArray();
      try (NDManager batch = manager.newSubManager()) {
        NDArray images = batch.create(test.chwScaled(idx),
            new Shape(idx.length, test.channels(), test.height(), test.width()));
        copy(net.apply(images), features, probs, start);
      }
      progress.stepBy(idx.length);
    }
    return new FeatureNetwork.Outputs(features, net.hasProbabilities() ? probs : null);
  }

  /**
   * {@code num_samples} images of generator sample {@code g} through the network: the latent vectors
   * depend on the seed and {@code g} only, so every metric that calls this sees the same images.
   */
  static FeatureNetwork.Outputs generatedOutputs(TrainedModel model, int iteration, int g,
      EvaluateConfig config, FeatureNetwork net, NDManager manager, Progress progress) throws IOException {
    int n = config.getNumSamples();
    int zDim = model.config().getZDim();
    double[][] features = new double[n][];
    double[][] probs = new double[n][];
    SplittableRandom random = new SplittableRandom(Seeds.child(config.getRandomSeed(), "image-quality", g));
    ConditioningSampler conditioning = model.conditioning();
    try (NDManager scope = manager.newSubManager()) {
      Network generator = model.generator(scope, g, iteration);
      for (int start = 0; start < n; start += BATCH) {
        int count = Math.min(BATCH, n - start);
        try (NDManager batch = scope.newSubManager()) {
          NDArray z = batch.create(uniformLatents(random, count * zDim), new Shape(count, zDim));
          NDArray input = conditioning.input(z, conditioning.draw(count, random));
          copy(net.apply(generator.forward(input, false)), features, probs, start);
        }
        progress.stepBy(count);
      }
    }
    return new FeatureNetwork.Outputs(features, net.hasProbabilities() ? probs : null);
  }

  /** Uniform on [-1, 1), the training stage's latent distribution. */
  static float[] uniformLatents(SplittableRandom random, int count) {
    float[] z = new float[count];
    for (int i = 0; i < count; i++) {
      z[i] = (float) (2 * random.nextDouble() - 1);
    }
    return z;
  }

  private static void copy(FeatureNetwork.Outputs batch, double[][] features, double[][] probs, int offset) {
    System.arraycopy(batch.features(), 0, features, offset, batch.features().length);
    if (batch.probabilities() != null) {
      System.arraycopy(batch.probabilities(), 0, probs, offset, batch.probabilities().length);
    }
  }
}
