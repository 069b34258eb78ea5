package dev.bgan.evaluate;

import ai.djl.ndarray.NDManager;
import dev.bgan.common.BadInputException;
import dev.bgan.common.Progress;
import dev.bgan.dataset.ImageSplit;
import dev.bgan.evaluate.features.FeatureNetwork;
import dev.bgan.evaluate.metrics.ClassShares;
import dev.bgan.proto.ClassCounts;
import dev.bgan.proto.ClassHistogram;
import dev.bgan.proto.EvaluateConfig;
import dev.bgan.train.TrainedModel;
import java.io.IOException;
import java.util.Arrays;

/**
 * Metric {@code classes}: the class histogram and mode count of each generator sample's images, of
 * the pooled posterior's and of real test images, under the evaluation classifier. A collapsed
 * generator puts most of its images in a few classes; noise gets low confidence wherever it lands.
 * The images are those of FID and IS ({@link ImageQualityEvaluation}: same seed, same latents).
 */
final class ClassHistogramEvaluation {
  private ClassHistogramEvaluation() {}

  static ClassHistogram run(TrainedModel model, int iteration, ImageSplit test, FeatureNetwork net,
      EvaluateConfig config, NDManager manager) throws IOException {
    if (!net.hasProbabilities()) {
      throw BadInputException.inParameter("metrics", config.getMetrics(), "classes needs class probabilities, and "
          + "the feature network " + net.describe().getFileName() + " has only one output");
    }
    int n = config.getNumSamples();
    int generators = model.networks().generatorCount();
    int reference = Math.min(n, test.size());
    ClassHistogram.Builder histogram = ClassHistogram.newBuilder().setNetwork(net.describe())
        .setSeed(config.getRandomSeed()).setIteration(iteration);
    try (Progress progress = Progress.start("evaluate classes", (long) reference + (long) n * generators, 0, "img")) {
      double[][] real = ImageQualityEvaluation.realOutputs(test, reference, net, manager, progress).probabilities();
      int classes = real[0].length;
      double share = ClassShares.defaultModeShare(classes);
      histogram.setNumClasses(classes).setModeShare(share).setReal(counts("real", real, share));
      double[][] pooled = new double[n][];
      for (int g = 0; g < generators; g++) {
        double[][] fake = ImageQualityEvaluation.generatedOutputs(model, iteration, g, config, net, manager, progress)
            .probabilities();
        histogram.addPerSample(counts(String.format("generator-%02d", g), fake, share));
        for (int i = g; i < n; i += generators) {
          pooled[i] = fake[i / generators];
        }
      }
      histogram.setPooled(counts("pooled", pooled, share));
    }
    return histogram.build();
  }

  private static ClassCounts counts(String name, double[][] probs, double share) {
    ClassShares.Result r = ClassShares.of(probs, share);
    ClassCounts.Builder out = ClassCounts.newBuilder().setName(name).setModes(r.modes())
        .setMeanConfidence(r.meanConfidence());
    Arrays.stream(r.counts()).forEach(out::addCounts);
    return out.build();
  }
}
