package dev.bgan.evaluate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.bgan.artifact.Artifact;
import dev.bgan.artifact.ArtifactStore;
import dev.bgan.artifact.CachePolicy;
import dev.bgan.common.BadInputException;
import dev.bgan.common.ProtoJson;
import dev.bgan.common.Seeds;
import dev.bgan.dataset.ImageSplit;
import dev.bgan.evaluate.features.ClassifierFeatures;
import dev.bgan.evaluate.features.FeatureNetwork;
import dev.bgan.evaluate.metrics.PointFiles;
import dev.bgan.proto.ClassCounts;
import dev.bgan.proto.ClassHistogram;
import dev.bgan.proto.EvaluateConfig;
import dev.bgan.proto.EvaluationMetrics;
import dev.bgan.proto.TrainConfig;
import dev.bgan.testing.Python;
import dev.bgan.testing.TestDatasets;
import dev.bgan.train.GanNetworks;
import dev.bgan.train.ModelLayout;
import dev.bgan.train.RealMnistSplits;
import dev.bgan.train.TrainConfigs;
import dev.bgan.train.TrainStage;
import dev.bgan.train.classifier.ClassifierStage;
import dev.bgan.train.nn.DcganFamily;
import dev.bgan.train.nn.DcganGeometry;
import dev.bgan.train.nn.Network;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Metric {@code classes} through the evaluate stage on a tiny Bayesian GAN (J = 2 generator samples,
 * unsupervised LSGAN) and a tiny evaluation classifier trained on real MNIST: the classifier's
 * probabilities of the same images are recomputed here, and numpy's argmax histogram, mode count and
 * mean top probability of them (and of the pooled set) must be the stage's.
 */
@Tag("real-data")
class ClassHistogramTest {
  private static final int SAMPLES = 200;
  private static final TrainConfig MODEL = TrainConfigs.defaults().setObjective(TrainConfigs.LSGAN).setNumz(2)
      .setTrainIter(10).setNSave(10).setBatchSize(16).setGfDim(4).setDfDim(4).setLogTestSize(50).setRandomSeed(3)
      .build();

  @TempDir static Path tmp;
  static ArtifactStore store;
  static String modelId;
  static String classifierId;
  static ImageSplit test;

  @BeforeAll
  static void trainModelAndClassifier() throws IOException {
    store = ArtifactStore.open(tmp.resolve("store"));
    test = RealMnistSplits.test(300);
    String data = TestDatasets.publish(store, "mnist-classes", 10, RealMnistSplits.train(2000), test);
    modelId = new TrainStage().run(store, data, MODEL, CachePolicy.REUSE).artifact().id();
    classifierId = new ClassifierStage().run(store, data,
        ClassifierStage.defaults().setEpochs(6).setLr(0.003).setLrEpochFactor(0.8).setWidth(8)
            .setFeatureDim(16).build(), CachePolicy.REUSE)
        .artifact().id();
  }

  private static EvaluateConfig config(String metrics) {
    return EvaluateStage.defaults().setMetrics(metrics).setNumSamples(SAMPLES).setRandomSeed(7).build();
  }

  @Test
  void histogramsModesAndConfidenceMatchNumpyOnTheClassifiersProbabilities() throws IOException {
    Artifact artifact = new EvaluateStage().run(store, modelId, FeatureNetworkChoice.classifier(classifierId),
        config("classes"), CachePolicy.REUSE).artifact();
    EvaluationMetrics metrics = ProtoJson.read(artifact.file(EvaluateStage.METRICS_FILE),
        EvaluationMetrics.newBuilder()).build();
    ClassHistogram histogram = metrics.getClassHistogram();
    assertEquals(classifierId, histogram.getNetwork().getArtifactId());
    assertEquals(10, histogram.getNumClasses());
    assertEquals(0.05, histogram.getModeShare(), 1e-15);
    assertEquals(10, histogram.getIteration());
    assertEquals(2, histogram.getPerSampleCount());
    assertFalse(metrics.hasImageQuality(), "fid and is were not asked for");

    List<Path> files = new ArrayList<>();
    try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
        FeatureNetwork net = ClassifierFeatures.load(store.require(classifierId, "classifier"), 1, 28, 28, manager)) {
      int[] idx = IntStream.range(0, SAMPLES).toArray();
      files.add(PointFiles.write(tmp, "real", net.apply(
          manager.create(test.chwScaled(idx), new Shape(SAMPLES, 1, 28, 28))).probabilities()));
      GanNetworks networks = new GanNetworks(MODEL, new DcganFamily(new DcganGeometry(28, 28, 1), 4, 4), 10);
      Path samples = ModelLayout.sampleDir(store.require(modelId, "model").dir(), 10);
      for (int g = 0; g < 2; g++) {
        Network generator = networks.generator(manager, g);
        generator.load(ModelLayout.generator(samples, g), manager);
        float[] z = ImageQualityEvaluation.uniformLatents(
            new SplittableRandom(Seeds.child(7, "image-quality", g)), SAMPLES * MODEL.getZDim());
        files.add(PointFiles.write(tmp, "fake" + g, net.apply(generator.forward(
            manager.create(z, new Shape(SAMPLES, MODEL.getZDim())), false)).probabilities()));
      }
    }
    String script = String.join("\n",
        "import sys, numpy as np",
        "real, p0, p1 = [np.fromfile(p, '<f8').reshape(-1, 10) for p in sys.argv[1:]]",
        "pooled = np.empty_like(p0); pooled[0::2] = p0[:100]; pooled[1::2] = p1[:100]",
        "for p in (p0, p1, pooled, real):",
        "    counts = np.bincount(p.argmax(1), minlength=10)",
        "    print('RESULT', ','.join(map(str, counts)), int((counts >= 0.05 * len(p)).sum()),"
            + " repr(float(p.max(1).mean())))");
    String output = Python.run(List.of("numpy"), script, files.stream().map(Path::toString).toArray(String[]::new));
    String[] lines = output.lines().filter(l -> l.startsWith("RESULT ")).map(l -> l.substring(7)).toArray(String[]::new);
    assertEquals(4, lines.length, output);
    List<ClassCounts> sets = new ArrayList<>(histogram.getPerSampleList());
    sets.add(histogram.getPooled());
    sets.add(histogram.getReal());
    for (int s = 0; s < 4; s++) {
      String[] f = lines[s].split(" ");
      ClassCounts set = sets.get(s);
      System.out.printf("%s: %s modes %d conf %.4f (numpy %s)%n", set.getName(), set.getCountsList(), set.getModes(),
          set.getMeanConfidence(), lines[s]);
      assertArrayEquals(java.util.Arrays.stream(f[0].split(",")).mapToInt(Integer::parseInt).toArray(),
          set.getCountsList().stream().mapToInt(Integer::intValue).toArray(), set.getName());
      assertEquals(Integer.parseInt(f[1]), set.getModes(), set.getName());
      assertEquals(Double.parseDouble(f[2]), set.getMeanConfidence(), 1e-9, set.getName());
    }
    assertEquals(List.of("generator-00", "generator-01", "pooled", "real"), sets.stream().map(ClassCounts::getName).toList());
    // The classifier knows real digits: most test images are a mode, unlike a 10-iteration generator's.
    assertTrue(histogram.getReal().getModes() >= 8, histogram.getReal().toString());
    assertEquals((double) histogram.getPooled().getModes(),
        artifact.manifest().getMetrics().getValuesOrThrow("class_modes_pooled"));
  }

  @Test
  void classesNeedAFeatureNetworkAndLeaveTheKeysOfEarlierChoicesAlone() {
    BadInputException none = assertThrows(BadInputException.class, () -> EvaluateStage.spec(modelId,
        FeatureNetworkChoice.NONE, config("classes")));
    assertTrue(none.getMessage().contains("fid, is, class_accuracy and classes need a feature network"), none.getMessage());
    assertEquals("fid,is,classes", EvaluateStage.spec(modelId, FeatureNetworkChoice.classifier(classifierId),
        config("classes,is,fid")).params().get("metrics"));
    assertEquals("fid,is", EvaluateStage.spec(modelId, FeatureNetworkChoice.classifier(classifierId),
        config("is,fid")).params().get("metrics"));
  }
}
