package dev.bgan.evaluate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.bgan.common.BadInputException;
import dev.bgan.common.Progress;
import dev.bgan.common.Seeds;
import dev.bgan.evaluate.features.FeatureNetwork;
import dev.bgan.proto.ClassAccuracy;
import dev.bgan.proto.ClassAccuracyScores;
import dev.bgan.proto.EvaluateConfig;
import dev.bgan.train.TrainedModel;
import dev.bgan.train.nn.Conditioning;
import dev.bgan.train.nn.ConditioningSampler;
import dev.bgan.train.nn.Network;
import java.io.IOException;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * How well a class-conditional generator (AC-GAN) makes the class it is asked for: each generator
 * sample at one saved iteration makes {@code num_samples} images, image i conditioned on class
 * i mod K (equal counts per class when K divides the count), z uniform on [-1, 1] from a Java
 * generator seeded per generator sample; the independent evaluation classifier labels each image
 * by its most probable class. Per class c: the fraction of the images conditioned on c that it
 * labels c; overall: the fraction of all images labelled as conditioned. The pooled row counts the
 * images of every generator sample together.
 */
final class ClassConditionalEvaluation {
  private static final int BATCH = 100;

  private ClassConditionalEvaluation() {}

  static ClassAccuracy run(TrainedModel model, int iteration, FeatureNetwork net, EvaluateConfig config,
      NDManager manager) throws IOException {
    ConditioningSampler conditioning = model.conditioning();
    int classes = conditioning.classes();
    if (classes == 0) {
      throw BadInputException.inParameter("metrics", config.getMetrics(), "class_accuracy needs a class-conditional"
          + " model (--arch acgan); " + model.id() + " is not one");
    }
    if (!net.hasProbabilities()) {
      throw BadInputException.inParameter("metrics", config.getMetrics(), "class_accuracy needs class probabilities,"
          + " and the feature network " + net.describe().getFileName() + " has only one output");
    }
    int n = config.getNumSamples();
    int generators = model.networks().generatorCount();
    ClassAccuracy.Builder result = ClassAccuracy.newBuilder().setNetwork(net.describe())
        .setSeed(config.getRandomSeed()).setIteration(iteration).setNumSamples(n);
    long[] pooledCorrect = new long[classes];
    long[] pooledCount = new long[classes];
    try (Progress progress = Progress.start("evaluate class accuracy", (long) n * generators, 0, "img")) {
      for (int g = 0; g < generators; g++) {
        long[] correct = new long[classes];
        long[] count = new long[classes];
        SplittableRandom random = new SplittableRandom(Seeds.child(config.getRandomSeed(), "class-accuracy", g));
        try (NDManager scope = manager.newSubManager()) {
          Network generator = model.generator(scope, g, iteration);
          for (int start = 0; start < n; start += BATCH) {
            int size = Math.min(BATCH, n - start);
            int[] wanted = IntStream.range(start, start + size).map(i -> i % classes).toArray();
            try (NDManager batch = scope.newSubManager()) {
              NDArray z = batch.create(ImageQualityEvaluation.uniformLatents(random, size * model.config().getZDim()),
                  new Shape(size, model.config().getZDim()));
              NDArray images = generator.forward(conditioning.input(z, Conditioning.ofClasses(wanted)), false);
              double[][] probs = net.apply(images).probabilities();
              for (int i = 0; i < size; i++) {
                count[wanted[i]]++;
                if (argMax(probs[i]) == wanted[i]) {
                  correct[wanted[i]]++;
                }
              }
            }
            progress.stepBy(size);
          }
        }
        result.addPerSample(scores(String.format("generator-%02d", g), correct, count));
        for (int c = 0; c < classes; c++) {
          pooledCorrect[c] += correct[c];
          pooledCount[c] += count[c];
        }
      }
    }
    return result.setPooled(scores("pooled", pooledCorrect, pooledCount)).build();
  }

  static ClassAccuracyScores scores(String name, long[] correct, long[] count) {
    ClassAccuracyScores.Builder scores = ClassAccuracyScores.newBuilder().setName(name);
    long allCorrect = 0;
    long all = 0;
    for (int c = 0; c < correct.length; c++) {
      scores.addPerClass(count[c] == 0 ? 0 : (double) correct[c] / count[c]);
      allCorrect += correct[c];
      all += count[c];
    }
    return scores.setAccuracy(all == 0 ? 0 : (double) allCorrect / all).build();
  }

  /** The first index of the largest value. */
  static int argMax(double[] values) {
    int best = 0;
    for (int i = 1; i < values.length; i++) {
      if (values[i] > values[best]) {
        best = i;
      }
    }
    return best;
  }
}
