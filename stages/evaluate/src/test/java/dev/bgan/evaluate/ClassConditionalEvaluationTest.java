package dev.bgan.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.bgan.artifact.Artifact;
import dev.bgan.artifact.ArtifactStore;
import dev.bgan.artifact.CachePolicy;
import dev.bgan.common.BadInputException;
import dev.bgan.common.ProtoJson;
import dev.bgan.common.Seeds;
import dev.bgan.evaluate.features.ClassifierFeatures;
import dev.bgan.evaluate.features.FeatureNetwork;
import dev.bgan.proto.ClassAccuracy;
import dev.bgan.proto.ClassAccuracyScores;
import dev.bgan.proto.EvaluateConfig;
import dev.bgan.proto.EvaluationMetrics;
import dev.bgan.proto.TrainConfig;
import dev.bgan.testing.TestDatasets;
import dev.bgan.train.GanNetworks;
import dev.bgan.train.ModelLayout;
import dev.bgan.train.RealMnistSplits;
import dev.bgan.train.TrainConfigs;
import dev.bgan.train.TrainStage;
import dev.bgan.train.classifier.ClassifierStage;
import dev.bgan.train.nn.AcganFamily;
import dev.bgan.train.nn.Conditioning;
import dev.bgan.train.nn.DcganGeometry;
import dev.bgan.train.nn.Network;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AC-GAN's evaluation through the evaluate stage, on a tiny Bayesian AC-GAN (J = 2) and a tiny
 * evaluation classifier trained on real MNIST: the class accuracy counts, recomputed here image by
 * image from the saved generators and the classifier (image i asks for class i mod 10); the
 * class-conditional grid (a row per class); and the one-line refusals.
 */
@Tag("real-data")
class ClassConditionalEvaluationTest {
  private static final int SAMPLES = 50;
  private static final TrainConfig MODEL = TrainConfigs.defaults().setArch("acgan").setNumz(2).setOptimizer("adam")
      .setLr(2e-4).setTrainIter(10).setNSave(10).setBatchSize(16).setGfDim(4).setDfDim(4).setRandomSeed(3).build();

  @TempDir static Path tmp;
  static ArtifactStore store;
  static String modelId;
  static String classifierId;

  @BeforeAll
  static void trainModelAndClassifier() throws IOException {
    store = ArtifactStore.open(tmp.resolve("store"));
    String data = TestDatasets.publish(store, "mnist-head", 10, RealMnistSplits.train(640), RealMnistSplits.test(100));
    modelId = new TrainStage().run(store, data, MODEL, CachePolicy.REUSE).artifact().id();
    classifierId = new ClassifierStage().run(store, data,
        ClassifierStage.defaults().setEpochs(2).setWidth(8).setFeatureDim(16).build(), CachePolicy.REUSE).artifact().id();
  }

  private static EvaluateConfig config(String metrics) {
    return EvaluateStage.defaults().setMetrics(metrics).setNumSamples(SAMPLES).setGridSide(6).setRandomSeed(7).build();
  }

  @Test
  void classAccuracyCountsTheImagesTheClassifierLabelsAsAskedAndTheGridHasARowPerClass() throws IOException {
    Artifact artifact = new EvaluateStage().run(store, modelId, FeatureNetworkChoice.classifier(classifierId),
        config("grid,class_accuracy"), CachePolicy.REUSE).artifact();
    EvaluationMetrics metrics = ProtoJson.read(artifact.file(EvaluateStage.METRICS_FILE),
        EvaluationMetrics.newBuilder()).build();
    ClassAccuracy accuracy = metrics.getClassAccuracy();
    assertEquals(classifierId, accuracy.getNetwork().getArtifactId());
    assertEquals(SAMPLES, accuracy.getNumSamples());
    assertEquals(10, accuracy.getIteration());
    assertEquals(2, accuracy.getPerSampleCount());

    long[] pooledCorrect = new long[10];
    try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
        FeatureNetwork net = ClassifierFeatures.load(store.require(classifierId, "classifier"), 1, 28, 28, manager)) {
      GanNetworks networks = new GanNetworks(MODEL, new AcganFamily(new DcganGeometry(28, 28, 1), 10, 4, 4), 10);
      Path samples = ModelLayout.sampleDir(store.require(modelId, "model").dir(), 10);
      for (int g = 0; g < 2; g++) {
        Network generator = networks.generator(manager, g);
        generator.load(ModelLayout.generator(samples, g), manager);
        SplittableRandom random = new SplittableRandom(Seeds.child(7, "class-accuracy", g));
        float[] z = ImageQualityEvaluation.uniformLatents(random, SAMPLES * 100);
        int[] asked = IntStream.range(0, SAMPLES).map(i -> i % 10).toArray();
        NDArray input = networks.conditioning().input(manager.create(z, new Shape(SAMPLES, 100)),
            Conditioning.ofClasses(asked));
        double[][] probs = net.apply(generator.forward(input, false)).probabilities();
        long[] correct = new long[10];
        for (int i = 0; i < SAMPLES; i++) {
          int best = 0;
          for (int c = 1; c < 10; c++) {
            best = probs[i][c] > probs[i][best] ? c : best;
          }
          correct[asked[i]] += best == asked[i] ? 1 : 0;
          pooledCorrect[asked[i]] += best == asked[i] ? 1 : 0;
        }
        ClassAccuracyScores scores = accuracy.getPerSample(g);
        assertEquals(String.format("generator-%02d", g), scores.getName());
        for (int c = 0; c < 10; c++) {
          assertEquals(correct[c] / 5.0, scores.getPerClass(c), 1e-12, "generator " + g + " class " + c);
        }
        assertEquals(IntStream.range(0, 10).mapToLong(c -> correct[c]).sum() / (double) SAMPLES,
            scores.getAccuracy(), 1e-12);
      }
    }
    for (int c = 0; c < 10; c++) {
      assertEquals(pooledCorrect[c] / 10.0, accuracy.getPooled().getPerClass(c), 1e-12, "pooled class " + c);
    }
    assertEquals(accuracy.getPooled().getAccuracy(), artifact.manifest().getMetrics().getValuesOrThrow(
        "class_accuracy_pooled"), 0);

    // A row of grid_side (6) images per class: 10 rows of 28 + 1 pixels, plus the last gutter.
    assertEquals(2, metrics.getSampleGridsCount());
    BufferedImage grid = ImageIO.read(artifact.file(metrics.getSampleGrids(0)).toFile());
    assertEquals(10 * 29 + 1, grid.getHeight());
    assertEquals(6 * 29 + 1, grid.getWidth());
  }

  @Test
  void classAccuracyNeedsAClassifierAndAClassConditionalModel() throws IOException {
    BadInputException none = assertThrows(BadInputException.class, () -> new EvaluateStage().run(store, modelId,
        FeatureNetworkChoice.NONE, config("class_accuracy"), CachePolicy.REUSE));
    assertTrue(none.getMessage().contains("class_accuracy and classes need a feature network"), none.getMessage());

    String data = store.require(modelId, "model").manifest().getInputs(0).getId();
    String dcgan = new TrainStage().run(store, data, TrainConfigs.defaults().setTrainIter(2).setNSave(2)
        .setBatchSize(8).setGfDim(4).setDfDim(4).build(), CachePolicy.REUSE).artifact().id();
    long before = store.list().size();
    BadInputException unconditioned = assertThrows(BadInputException.class, () -> new EvaluateStage().run(store,
        dcgan, FeatureNetworkChoice.classifier(classifierId), config("class_accuracy"), CachePolicy.REUSE));
    assertEquals("parameter metrics: class_accuracy needs a class-conditional model (--arch acgan); " + dcgan
        + " is not one (got class_accuracy)", unconditioned.getMessage());
    assertFalse(unconditioned.getMessage().contains("\n"));
    assertEquals(before, store.list().size(), "nothing published");
  }
}
