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
import dev.bgan.common.Sha256;
import dev.bgan.dataset.ImageSplit;
import dev.bgan.evaluate.features.ClassifierFeatures;
import dev.bgan.evaluate.features.FeatureNetwork;
import dev.bgan.evaluate.features.TinyTorchScript;
import dev.bgan.evaluate.metrics.PointFiles;
import dev.bgan.proto.EvaluateConfig;
import dev.bgan.proto.EvaluationMetrics;
import dev.bgan.proto.ImageQuality;
import dev.bgan.proto.ImageScores;
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
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FID, Inception Score and interpolation grids through the evaluate stage, on a tiny Bayesian GAN
 * (J = 1 x M = 2 generator samples) and a tiny evaluation classifier trained on real MNIST. The
 * features the stage compares are recomputed here and handed to numpy/scipy, whose FID (scipy's
 * sqrtm) and Inception Score must match the stage's to 1e-6.
 */
@Tag("real-data")
class ImageQualityTest {
  private static final int SAMPLES = 60;
  private static final int FEATURES = 16;
  private static final TrainConfig MODEL = TrainConfigs.defaults().setSemiSupervised(true).setN(100).setNumMcmc(2)
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
    test = RealMnistSplits.test(200);
    String data = TestDatasets.publish(store, "mnist-head", 10, RealMnistSplits.train(640), test);
    modelId = new TrainStage().run(store, data, MODEL, CachePolicy.REUSE).artifact().id();
    classifierId = new ClassifierStage().run(store, data,
        ClassifierStage.defaults().setEpochs(5).setWidth(8).setFeatureDim(FEATURES).build(), CachePolicy.REUSE).artifact().id();
  }

  private static EvaluateConfig config(String metrics) {
    return EvaluateStage.defaults().setMetrics(metrics).setNumSamples(SAMPLES).setInterpPairs(3).setInterpSteps(5)
        .setRandomSeed(7).build();
  }

  @Test
  void fidAndInceptionScoreMatchNumpyOnTheSameFeaturesAndPoolingIsNotAveraging() throws IOException {
    Artifact artifact = new EvaluateStage().run(store, modelId, FeatureNetworkChoice.classifier(classifierId),
        config("is,fid"), CachePolicy.REUSE).artifact();
    EvaluationMetrics metrics = read(artifact);
    ImageQuality quality = metrics.getImageQuality();
    assertEquals("classifier", quality.getNetwork().getKind());
    assertEquals(classifierId, quality.getNetwork().getArtifactId());
    assertEquals(FEATURES, quality.getNetwork().getFeatureDim());
    assertEquals(7, quality.getSeed());
    assertEquals(SAMPLES, quality.getNumSamples());
    assertEquals(SAMPLES, quality.getNumReference());
    assertEquals(10, quality.getIteration());
    assertEquals(2, quality.getPerSampleCount());
    assertFalse(metrics.hasField(EvaluationMetrics.getDescriptor().findFieldByName("semi_supervised_accuracy")),
        "accuracy was not asked for");
    assertEquals(0, metrics.getSampleGridsCount());

    // The features the stage compared: real test images, then each generator sample's images from its seed.
    List<Path> files = new ArrayList<>();
    try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
        FeatureNetwork net = ClassifierFeatures.load(store.require(classifierId, "classifier"), 1, 28, 28, manager)) {
      int[] idx = IntStream.range(0, SAMPLES).toArray();
      FeatureNetwork.Outputs real = net.apply(manager.create(test.chwScaled(idx), new Shape(SAMPLES, 1, 28, 28)));
      files.add(PointFiles.write(tmp, "real-f", real.features()));
      files.add(PointFiles.write(tmp, "real-p", real.probabilities()));
      GanNetworks networks = new GanNetworks(MODEL, new DcganFamily(new DcganGeometry(28, 28, 1), 4, 4), 10);
      Path samples = ModelLayout.sampleDir(store.require(modelId, "model").dir(), 10);
      for (int g = 0; g < 2; g++) {
        Network generator = networks.generator(manager, g);
        generator.load(ModelLayout.generator(samples, g), manager);
        float[] z = ImageQualityEvaluation.uniformLatents(
            new SplittableRandom(Seeds.child(7, "image-quality", g)), SAMPLES * MODEL.getZDim());
        FeatureNetwork.Outputs fake = net.apply(generator.forward(
            manager.create(z, new Shape(SAMPLES, MODEL.getZDim())), false));
        files.add(PointFiles.write(tmp, "fake-f" + g, fake.features()));
        files.add(PointFiles.write(tmp, "fake-p" + g, fake.probabilities()));
      }
    }
    String script = String.join("\n",
        "import sys, numpy as np, scipy.linalg",
        "f = lambda path, d: np.fromfile(path, '<f8').reshape(-1, d)",
        "real, real_p, f0, p0, f1, p1 = [f(p, d) for p, d in zip(sys.argv[1:], [16, 10] * 3)]",
        "def fid(a, b):",
        "    s1, s2 = np.cov(a, rowvar=False), np.cov(b, rowvar=False)",
        "    covmean = scipy.linalg.sqrtm(s1.dot(s2)).real",
        "    return ((a.mean(0) - b.mean(0)) ** 2).sum() + np.trace(s1) + np.trace(s2) - 2 * np.trace(covmean)",
        "def inception(p, splits=10):",
        "    scores = []",
        "    for part in np.array_split(p, splits):",
        "        py = part.mean(0, keepdims=True)",
        "        scores.append(np.exp((part * (np.log(part) - np.log(py))).sum(1).mean()))",
        "    return np.mean(scores), np.std(scores)",
        "pooled_f = np.empty_like(f0); pooled_f[0::2] = f0[:30]; pooled_f[1::2] = f1[:30]",
        "pooled_p = np.empty_like(p0); pooled_p[0::2] = p0[:30]; pooled_p[1::2] = p1[:30]",
        "for feats, probs in [(f0, p0), (f1, p1), (pooled_f, pooled_p)]:",
        "    print('RESULT', *[repr(float(v)) for v in (fid(feats, real), *inception(probs))])",
        "print('RESULT', *[repr(float(v)) for v in inception(real_p)])");
    String output = Python.run(List.of("numpy", "scipy"), script, files.stream().map(Path::toString).toArray(String[]::new));
    String[] lines = output.lines().filter(l -> l.startsWith("RESULT ")).map(l -> l.substring(7)).toArray(String[]::new);
    assertEquals(4, lines.length, output);
    List<ImageScores> sets = new ArrayList<>(quality.getPerSampleList());
    sets.add(quality.getPooled());
    for (int s = 0; s < 3; s++) {
      double[] expected = parse(lines[s]);
      ImageScores scores = sets.get(s);
      assertRelative(expected[0], scores.getFid(), scores.getName() + " FID");
      assertRelative(expected[1], scores.getInceptionScore(), scores.getName() + " IS");
      assertRelative(expected[2], scores.getInceptionScoreStd(), scores.getName() + " IS std");
    }
    double[] real = parse(lines[3]);
    assertRelative(real[0], quality.getReal().getInceptionScore(), "real IS");
    assertFalse(quality.getReal().hasFid());

    double meanFid = (sets.get(0).getFid() + sets.get(1).getFid()) / 2;
    double meanIs = (sets.get(0).getInceptionScore() + sets.get(1).getInceptionScore()) / 2;
    // Averaging would match to rounding (1e-15); the scores agree with numpy to 1e-6, so 1e-9 is a real difference.
    assertTrue(Math.abs(quality.getPooled().getFid() - meanFid) > 1e-9 * meanFid,
        "pooled FID " + quality.getPooled().getFid() + " is the mean of the per-sample FIDs " + meanFid);
    assertTrue(Math.abs(quality.getPooled().getInceptionScore() - meanIs) > 1e-9 * meanIs,
        "pooled IS " + quality.getPooled().getInceptionScore() + " is the mean of the per-sample scores " + meanIs);
    assertEquals(quality.getPooled().getFid(), artifact.manifest().getMetrics().getValuesOrThrow("fid_pooled"));
    assertEquals(sets.get(1).getInceptionScore(),
        artifact.manifest().getMetrics().getValuesOrThrow("inception_score_generator_01"));

    // Deterministic for the seed: recomputing gives the same bytes; another seed other numbers.
    byte[] first = Files.readAllBytes(artifact.file(EvaluateStage.METRICS_FILE));
    Artifact again = new EvaluateStage().run(store, modelId, FeatureNetworkChoice.classifier(classifierId),
        config("fid,is"), CachePolicy.FORCE).artifact();
    assertEquals(artifact.id(), again.id(), "the metrics list is canonical");
    assertArrayEquals(first, Files.readAllBytes(again.file(EvaluateStage.METRICS_FILE)));
  }

  @Test
  void aTorchScriptFeatureNetIsRecordedByItsSha256AndEntersTheCacheKey() throws IOException {
    Path file = TinyTorchScript.write(tmp);
    Artifact artifact = new EvaluateStage().run(store, modelId, FeatureNetworkChoice.torchScript(file),
        config("fid,is"), CachePolicy.REUSE).artifact();
    ImageQuality quality = read(artifact).getImageQuality();
    assertEquals("torchscript", quality.getNetwork().getKind());
    assertEquals(Sha256.ofFile(file), quality.getNetwork().getFileSha256());
    assertEquals(TinyTorchScript.FEATURES, quality.getNetwork().getFeatureDim());
    assertTrue(quality.getPooled().getFid() > 0, quality.toString());
    assertEquals(Sha256.ofFile(file), artifact.manifest().getSources(0).getSha256());
    Files.write(file, new byte[] {1}, java.nio.file.StandardOpenOption.APPEND);
    assertFalse(artifact.id().equals(EvaluateStage.spec(modelId, FeatureNetworkChoice.torchScript(file),
        config("fid,is")).cacheKey().artifactId("metrics")), "another file is another evaluation");
  }

  @Test
  void interpolationGridsHaveOneRowPerPairAndOneColumnPerStep() throws IOException {
    Artifact artifact = new EvaluateStage().run(store, modelId, FeatureNetworkChoice.NONE, config("interp"),
        CachePolicy.REUSE).artifact();
    EvaluationMetrics metrics = read(artifact);
    assertEquals(List.of("interpolations/generator-00.png", "interpolations/generator-01.png"),
        metrics.getInterpolationGridsList());
    BufferedImage grid = ImageIO.read(artifact.file(metrics.getInterpolationGrids(1)).toFile());
    assertEquals(5 * 29 + 1, grid.getWidth());
    assertEquals(3 * 29 + 1, grid.getHeight());
    assertFalse(metrics.hasImageQuality());
  }

  @Test
  void latentPathsRunLinearlyFromOneEndToTheOther() {
    int zDim = 3;
    float[] z = InterpolationGrids.latents(2, 5, zDim, 11);
    SplittableRandom random = new SplittableRandom(11);
    for (int p = 0; p < 2; p++) {
      float[] ends = ImageQualityEvaluation.uniformLatents(random, 2 * zDim);
      for (int k = 0; k < zDim; k++) {
        assertEquals(ends[k], z[(p * 5) * zDim + k], 0f);
        assertEquals(ends[zDim + k], z[(p * 5 + 4) * zDim + k], 1e-6f);
        assertEquals((ends[k] + ends[zDim + k]) / 2, z[(p * 5 + 2) * zDim + k], 1e-6f);
      }
    }
  }

  @Test
  void fidWithoutAFeatureNetworkOrAGarbageOneIsRefusedAndNothingIsPublished() throws IOException {
    BadInputException none = assertThrows(BadInputException.class, () -> new EvaluateStage().run(store, modelId,
        FeatureNetworkChoice.NONE, config("fid"), CachePolicy.REUSE));
    assertTrue(none.getMessage().contains("--classifier ID or --feature-net FILE"), none.getMessage());

    Path garbage = Files.write(tmp.resolve("inception.pt"), "not a TorchScript archive".getBytes());
    // Published artifacts only: the store's own hidden folders (digest cache, locks) may appear here.
    List<String> before = store.ids();
    BadInputException bad = assertThrows(BadInputException.class, () -> new EvaluateStage().run(store, modelId,
        FeatureNetworkChoice.torchScript(garbage), config("fid"), CachePolicy.REUSE));
    assertTrue(bad.getMessage().startsWith(garbage + ": not a TorchScript feature network"), bad.getMessage());
    assertFalse(bad.getMessage().contains("\n"), bad.getMessage());
    assertEquals(before, store.ids(), "nothing published");
    Path staging = tmp.resolve("store").resolve(".tmp");
    if (Files.exists(staging)) {
      try (var staged = Files.list(staging)) {
        assertEquals(0, staged.count(), "no staged payload left behind");
      }
    }

    BadInputException unknown = assertThrows(BadInputException.class,
        () -> EvaluateStage.validate(config("fid,bleu")));
    assertTrue(unknown.getMessage().contains("unknown metric 'bleu'"), unknown.getMessage());
  }

  @Test
  void defaultMetricsKeepTheCacheKeyOfEvaluationsMadeBeforeTheyExisted() {
    // The canonical params of version 1 before metrics, num_samples and interp_* were added.
    assertEquals(java.util.Set.of("burn_in", "grid_side", "random_seed", "num_fake_points", "num_real_points"),
        EvaluateStage.spec(modelId, EvaluateStage.defaults().build()).params().keySet());
    assertEquals("fid,is", EvaluateStage.spec(modelId, FeatureNetworkChoice.classifier(classifierId),
        config("is,fid")).params().get("metrics"));
  }

  private static EvaluationMetrics read(Artifact artifact) throws IOException {
    return ProtoJson.read(artifact.file(EvaluateStage.METRICS_FILE), EvaluationMetrics.newBuilder()).build();
  }

  private static double[] parse(String line) {
    return java.util.Arrays.stream(line.strip().split(" ")).mapToDouble(Double::parseDouble).toArray();
  }

  private static void assertRelative(double expected, double actual, String what) {
    assertEquals(expected, actual, 1e-6 * Math.abs(expected), what);
  }
}
