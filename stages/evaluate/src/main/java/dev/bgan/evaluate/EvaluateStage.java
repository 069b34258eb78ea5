package dev.bgan.evaluate;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.bgan.artifact.Artifact;
import dev.bgan.artifact.ArtifactSpec;
import dev.bgan.artifact.ArtifactStore;
import dev.bgan.artifact.CachePolicy;
import dev.bgan.common.BadInputException;
import dev.bgan.common.ConfigFields;
import dev.bgan.common.ProtoJson;
import dev.bgan.dataset.DatasetArtifacts;
import dev.bgan.dataset.ImageSplit;
import dev.bgan.evaluate.features.FeatureNetwork;
import dev.bgan.evaluate.metrics.Calibration;
import dev.bgan.evaluate.metrics.InceptionScore;
import dev.bgan.proto.ArtifactManifest;
import dev.bgan.proto.ChainDiagnostics;
import dev.bgan.proto.ClassAccuracy;
import dev.bgan.proto.ClassAccuracyScores;
import dev.bgan.proto.ClassCounts;
import dev.bgan.proto.ClassHistogram;
import dev.bgan.proto.EvaluateConfig;
import dev.bgan.proto.EvaluationMetrics;
import dev.bgan.proto.ImageQuality;
import dev.bgan.proto.ImageScores;
import dev.bgan.proto.InputRef;
import dev.bgan.proto.MetricsSummary;
import dev.bgan.proto.ModelSummary;
import dev.bgan.proto.PointCurveEntry;
import dev.bgan.train.DiscriminatorClassifier;
import dev.bgan.train.GanNetworks;
import dev.bgan.train.TorchRuntime;
import dev.bgan.train.TrainedModel;
import dev.bgan.train.classifier.ClassifierStage;
import dev.bgan.train.nn.Conditioning;
import dev.bgan.train.nn.ConditioningSampler;
import dev.bgan.train.nn.Network;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * The evaluate stage: a model artifact (and optionally a feature network) in, a metrics artifact
 * out. The {@link Metric}s chosen, by default: test accuracy on the whole test split by Bayesian
 * model averaging (mean softmax over the saved discriminator samples after burn-in), the
 * reference's accuracy excluding points predicted fake (ORIG objective only: HEAD has no fake
 * output), the supervised baseline's accuracy, and one sample grid per generator sample at the last
 * saved iteration. With the accuracy come the calibration (ECE and reliability bins) of the model
 * average and of the supervised baseline, and chain diagnostics over the discriminator chains and the
 * averaged iterations ({@link ChainDraws}: R-hat and bulk ESS of the first test points' predictive
 * probabilities and of the weight norms). On request, FID and Inception Score of each generator sample and of the pooled
 * posterior ({@link ImageQualityEvaluation}) and latent interpolation grids
 * ({@link InterpolationGrids}); for a class-conditional model (AC-GAN) the class accuracy of its
 * generated images ({@link ClassConditionalEvaluation}), and sample grids with a row per class; the
 * class histogram and mode count of the generated images under the evaluation classifier
 * ({@link ClassHistogramEvaluation}). For a model of a point dataset instead: JS divergence and mode
 * count at every saved iteration ({@link PointEvaluation}).
 */
public final class EvaluateStage {
  public static final String STAGE = "evaluate";
  /**
   * Bump when the same config computes something else, so that cached metrics are recomputed.
   * 2: the accuracy metric also computes calibration (ECE, reliability bins) and chain diagnostics.
   */
  public static final int VERSION = 2;
  public static final String METRICS_FILE = "metrics.json";

  /**
   * Fields added after evaluations were first published: left out of the cache key at their
   * default values, so that the ids of those evaluations (and of what reads them) stay the same.
   */
  private static final Set<String> LATER_FIELDS = Set.of("metrics", "num_samples", "interp_pairs", "interp_steps",
      "calibration_bins", "diagnostic_points", "batch_norm");

  public static EvaluateConfig.Builder defaults() {
    return EvaluateConfig.newBuilder().setBurnIn(0.5).setGridSide(10).setRandomSeed(1)
        .setNumFakePoints(1000).setNumRealPoints(1000).setMetrics(Metric.DEFAULTS).setNumSamples(10000)
        .setInterpPairs(8).setInterpSteps(10)
        .setCalibrationBins(Calibration.DEFAULT_BINS).setDiagnosticPoints(100)
        .setBatchNorm(BatchNormStatistics.RUNNING);
  }

  /** The config with its metrics list in canonical form; a bad value is the user's error. */
  public static EvaluateConfig validate(EvaluateConfig c) {
    if (!(c.getBurnIn() >= 0 && c.getBurnIn() < 1)) {
      throw BadInputException.inParameter("burn_in", c.getBurnIn(), "must be in [0, 1)");
    }
    if (c.getGridSide() < 1 || c.getGridSide() > 64) {
      throw BadInputException.inParameter("grid_side", c.getGridSide(), "must be in 1..64");
    }
    if (c.getNumFakePoints() < 2) {
      throw BadInputException.inParameter("num_fake_points", c.getNumFakePoints(), "must be >= 2");
    }
    if (c.getNumSamples() < InceptionScore.DEFAULT_SPLITS) {
      throw BadInputException.inParameter("num_samples", c.getNumSamples(),
          "must be >= " + InceptionScore.DEFAULT_SPLITS + " (the Inception Score's splits)");
    }
    if (c.getInterpPairs() < 1 || c.getInterpPairs() > 64) {
      throw BadInputException.inParameter("interp_pairs", c.getInterpPairs(), "must be in 1..64");
    }
    if (c.getInterpSteps() < 2 || c.getInterpSteps() > 64) {
      throw BadInputException.inParameter("interp_steps", c.getInterpSteps(), "must be in 2..64");
    }
    if (c.getCalibrationBins() < 1 || c.getCalibrationBins() > 1000) {
      throw BadInputException.inParameter("calibration_bins", c.getCalibrationBins(), "must be in 1..1000");
    }
    if (c.getDiagnosticPoints() < 1) {
      throw BadInputException.inParameter("diagnostic_points", c.getDiagnosticPoints(), "must be >= 1");
    }
    if (!BatchNormStatistics.CHOICES.contains(c.getBatchNorm())) {
      throw BadInputException.inParameter("batch_norm", c.getBatchNorm(), "must be one of running, real");
    }
    return c.toBuilder().setMetrics(Metric.canonical(Metric.parse(c.getMetrics()))).build();
  }

  /** What the metrics artifact of {@code config} on the model {@code modelId} is made from; nothing is read. */
  public static ArtifactSpec spec(String modelId, EvaluateConfig config) {
    return spec(modelId, FeatureNetworkChoice.NONE, config);
  }

  /**
   * The same with a feature network for FID and IS: a classifier is named by id, a TorchScript
   * file is hashed. FID and IS need one; one given without them is a mistake, refused.
   */
  public static ArtifactSpec spec(String modelId, FeatureNetworkChoice network, EvaluateConfig config) {
    EvaluateConfig valid = validate(config);
    Set<Metric> metrics = Metric.parse(valid.getMetrics());
    boolean needsNetwork = metrics.contains(Metric.FID) || metrics.contains(Metric.IS)
        || metrics.contains(Metric.CLASS_ACCURACY) || metrics.contains(Metric.CLASSES);
    if (needsNetwork && network.isNone()) {
      throw BadInputException.inParameter("metrics", valid.getMetrics(),
          "fid, is, class_accuracy and classes need a feature network: give --classifier ID or --feature-net FILE");
    }
    if (!needsNetwork && !network.isNone()) {
      throw BadInputException.inParameter("metrics", valid.getMetrics(),
          "a feature network is given but only fid, is, class_accuracy and classes use one: add one of them");
    }
    SortedMap<String, String> params = ConfigFields.canonical(valid);
    Map<String, String> defaults = ConfigFields.canonical(defaults().build());
    LATER_FIELDS.forEach(field -> params.remove(field, defaults.get(field)));
    return network.addTo(ArtifactSpec.of("metrics", STAGE, VERSION, params).withInput("model", modelId));
  }

  public ArtifactStore.Produced run(ArtifactStore store, String modelId, EvaluateConfig config, CachePolicy policy)
      throws IOException {
    return run(store, modelId, FeatureNetworkChoice.NONE, config, policy);
  }

  public ArtifactStore.Produced run(ArtifactStore store, String modelId, FeatureNetworkChoice network,
      EvaluateConfig config, CachePolicy policy) throws IOException {
    ArtifactSpec spec = spec(modelId, network, config);
    EvaluateConfig valid = validate(config);
    Artifact model = store.require(modelId, "model");
    Artifact data = store.require(input(model.manifest(), "data"), "dataset");
    if (network.classifierId() != null) {
      store.require(network.classifierId(), ClassifierStage.KIND);
    }
    boolean points = DatasetArtifacts.isPoints(data);
    if (points && !valid.getMetrics().equals(Metric.DEFAULTS)) {
      throw BadInputException.inParameter("metrics", valid.getMetrics(),
          "a model of points gets JS divergence and mode count; the image metrics do not apply");
    }
    return store.produce(spec, policy, draft -> {
      EvaluationMetrics metrics = points ? evaluatePoints(model, data, valid, draft.dir())
          : evaluate(store, model, data, network, valid, draft.dir());
      ProtoJson.write(draft.dir().resolve(METRICS_FILE), metrics);
      TorchRuntime.describe(draft.manifest().getEnvironmentBuilder(), Device.cpu());
      // Sorted: the manifest's binary form orders map keys, and its JSON rendering must agree.
      SortedMap<String, Double> values = new TreeMap<>();
      if (points) {
        PointCurveEntry last = metrics.getPointCurve(metrics.getPointCurveCount() - 1);
        values.put("js_divergence", last.getJsDivergence());
        values.put("modes", (double) last.getModes());
      } else {
        if (Metric.parse(valid.getMetrics()).contains(Metric.ACCURACY)) {
          values.put("semi_supervised_accuracy", metrics.getSemiSupervisedAccuracy());
          if (metrics.hasSemiSupervisedAccuracyExcludingFake()) {
            values.put("semi_supervised_accuracy_excluding_fake", metrics.getSemiSupervisedAccuracyExcludingFake());
          }
          values.put("supervised_accuracy", metrics.getSupervisedAccuracy());
          if (metrics.hasCalibration()) {
            values.put("expected_calibration_error", metrics.getCalibration().getExpectedCalibrationError());
          }
          if (metrics.hasSupervisedCalibration()) {
            values.put("supervised_expected_calibration_error",
                metrics.getSupervisedCalibration().getExpectedCalibrationError());
          }
          ChainDiagnostics chains = metrics.getChainDiagnostics();
          if (metrics.hasChainDiagnostics() && chains.getNotComputed().isEmpty()
              && chains.getNumConstantPoints() < chains.getNumPoints()) {
            values.put("predictive_rhat_max", chains.getPointRhatMax());
            values.put("predictive_ess_bulk_min", chains.getPointEssBulkMin());
          }
        }
        putImageQuality(values, metrics.getImageQuality());
        if (metrics.hasClassAccuracy()) {
          ClassAccuracy classes = metrics.getClassAccuracy();
          for (ClassAccuracyScores scores : classes.getPerSampleList()) {
            values.put("class_accuracy_" + scores.getName().replace('-', '_'), scores.getAccuracy());
          }
          values.put("class_accuracy_pooled", classes.getPooled().getAccuracy());
        }
        if (metrics.getInfogan().getClusteringAccuracyCount() > 0) {
          values.put("clustering_accuracy", metrics.getInfogan().getFinalClusteringAccuracy());
        }
        putModes(values, metrics.getClassHistogram());
      }
      draft.manifest().setMetrics(MetricsSummary.newBuilder().putAllValues(values));
    });
  }

  /** FID and IS of every image set, when computed, under names a baseline can check. */
  private static void putImageQuality(Map<String, Double> values, ImageQuality quality) {
    List<ImageScores> sets = new ArrayList<>(quality.getPerSampleList());
    if (quality.hasPooled()) {
      sets.add(quality.getPooled());
    }
    for (ImageScores scores : sets) {
      if (scores.hasFid()) {
        values.put("fid_" + scores.getName().replace('-', '_'), scores.getFid());
      }
      if (scores.hasInceptionScore()) {
        values.put("inception_score_" + scores.getName().replace('-', '_'), scores.getInceptionScore());
      }
    }
  }

  /** The mode count of every generated set, when computed, under names a baseline can check. */
  private static void putModes(Map<String, Double> values, ClassHistogram histogram) {
    List<ClassCounts> sets = new ArrayList<>(histogram.getPerSampleList());
    if (histogram.hasPooled()) {
      sets.add(histogram.getPooled());
    }
    for (ClassCounts set : sets) {
      values.put("class_modes_" + set.getName().replace('-', '_'), (double) set.getModes());
    }
  }

  private static EvaluationMetrics evaluate(ArtifactStore store, Artifact model, Artifact data,
      FeatureNetworkChoice network, EvaluateConfig config, Path out) throws IOException {
    Set<Metric> chosen = Metric.parse(config.getMetrics());
    TrainedModel trained = TrainedModel.open(model, DatasetArtifacts.summary(data));
    ModelSummary summary = trained.summary();
    ImageSplit test = DatasetArtifacts.loadSplit(data, "test");
    GanNetworks networks = trained.networks();
    List<Integer> saved = trained.savedIterations();
    List<Integer> averaged = saved.subList((int) Math.floor(config.getBurnIn() * saved.size()), saved.size());
    EvaluationMetrics.Builder metrics = EvaluationMetrics.newBuilder()
        .setTestCount(test.size())
        .setNumDiscriminatorSamples(averaged.size() * Math.max(1, summary.getNumDiscriminatorSamples()))
        .addAllAveragedIterations(averaged);
    int firstClass = networks.objective().firstClassOutput();
    Engine engine = TorchRuntime.engine();
    try (NDManager manager = NDManager.newBaseManager(Device.cpu(), engine.getEngineName())) {
      boolean readsDiscriminators = chosen.contains(Metric.ACCURACY)
          && (trained.config().getSemiSupervised() || InfoganEvaluation.applies(trained));
      // Read only when the statistics are re-estimated on real images.
      ImageSplit train = readsDiscriminators && config.getBatchNorm().equals(BatchNormStatistics.REAL)
          ? DatasetArtifacts.loadSplit(data, "train") : null;
      if (chosen.contains(Metric.ACCURACY) && trained.config().getSemiSupervised()) {
        // The model average runs over every discriminator chain at every saved iteration after burn-in.
        int chains = Math.max(1, summary.getNumDiscriminatorSamples());
        List<Network> chainNets = new java.util.ArrayList<>();
        for (int k = 0; k < chains; k++) {
          chainNets.add(networks.discriminator(manager, k));
        }
        float[] mean = null;
        int samples = averaged.size() * chains;
        ChainDraws draws = new ChainDraws(chains, averaged.size(), Math.min(config.getDiagnosticPoints(), test.size()),
            test.labels(), firstClass);
        for (int t = 0; t < averaged.size(); t++) {
          int iteration = averaged.get(t);
          for (int k = 0; k < chains; k++) {
            Network d = chainNets.get(k);
            trained.loadDiscriminator(d, k, iteration, manager);
            if (train != null) {
              BatchNormStatistics.reestimate(d, train, manager);
            }
            float[] probs = DiscriminatorClassifier.probabilities(d, test, test.size(), manager);
            draws.add(k, t, probs, test.size(), d);
            metrics.addPerSampleAccuracy(DiscriminatorClassifier.accuracy(probs, firstClass, test.labels(), test.size()));
            if (mean == null) {
              mean = new float[probs.length];
            }
            for (int i = 0; i < probs.length; i++) {
              mean[i] += probs[i] / samples;
            }
          }
        }
        metrics.setSemiSupervisedAccuracy(DiscriminatorClassifier.accuracy(mean, firstClass, test.labels(), test.size()));
        if (firstClass == 1) {
          // Only ORIG has a fake output that a test point can be predicted as.
          setExcludingFake(metrics, mean, test.labels());
        }
        metrics.setCalibration(calibration(mean, test, firstClass, config.getCalibrationBins()));
        metrics.setChainDiagnostics(draws.diagnostics());
        if (summary.getHasSupervisedBaseline()) {
          Network s = trained.supervised(manager);
          float[] probs = DiscriminatorClassifier.probabilities(s, test, test.size(), manager);
          metrics.setSupervisedAccuracy(DiscriminatorClassifier.accuracy(probs, firstClass, test.labels(), test.size()));
          metrics.setSupervisedCalibration(calibration(probs, test, firstClass, config.getCalibrationBins()));
        }
      }
      int last = trained.lastIteration();
      if (chosen.contains(Metric.GRID)) {
        writeGrids(trained, last, config, test, manager, out, metrics);
      }
      if (chosen.contains(Metric.FID) || chosen.contains(Metric.IS) || chosen.contains(Metric.CLASS_ACCURACY)
          || chosen.contains(Metric.CLASSES)) {
        try (FeatureNetwork features = network.open(store, test, manager)) {
          if (chosen.contains(Metric.FID) || chosen.contains(Metric.IS)) {
            metrics.setImageQuality(ImageQualityEvaluation.run(trained, last, test, features,
                chosen.contains(Metric.FID), chosen.contains(Metric.IS), config, manager));
          }
          if (chosen.contains(Metric.CLASS_ACCURACY)) {
            metrics.setClassAccuracy(ClassConditionalEvaluation.run(trained, last, features, config, manager));
          }
          if (chosen.contains(Metric.CLASSES)) {
            metrics.setClassHistogram(ClassHistogramEvaluation.run(trained, last, test, features, config, manager));
          }
        }
      }
      if (chosen.contains(Metric.INTERP)) {
        InterpolationGrids.write(trained, last, config, test, manager, out, metrics);
      }
      if (InfoganEvaluation.applies(trained)) {
        metrics.setInfogan(InfoganEvaluation.run(trained, test, train, chosen.contains(Metric.ACCURACY),
            chosen.contains(Metric.GRID), Math.max(1, summary.getNumDiscriminatorSamples()), config, manager, out));
      }
    }
    return metrics.build();
  }

  /** The synthetic experiment's curve of JS divergence and modes over the saved iterations, and a scatter plot. */
  private static EvaluationMetrics evaluatePoints(Artifact model, Artifact data, EvaluateConfig config, Path out)
      throws IOException {
    TrainedModel trained = TrainedModel.open(model, DatasetArtifacts.summary(data));
    List<Integer> saved = trained.savedIterations();
    EvaluationMetrics.Builder metrics = EvaluationMetrics.newBuilder();
    Engine engine = TorchRuntime.engine();
    try (NDManager manager = NDManager.newBaseManager(Device.cpu(), engine.getEngineName())) {
      PointEvaluation.run(trained, DatasetArtifacts.loadPoints(data, "train"), saved, config, manager,
          out, metrics);
    }
    return metrics.build();
  }

  /** Calibration of softmax rows over the test split, on the K class outputs (ORIG's fake output left out). */
  static dev.bgan.proto.Calibration calibration(float[] softmax, ImageSplit test, int firstClass, int bins) {
    Calibration.Result r = Calibration.of(Calibration.classDistributions(softmax, test.size(), firstClass),
        test.labels(), bins);
    dev.bgan.proto.Calibration.Builder out = dev.bgan.proto.Calibration.newBuilder().setNumBins(bins)
        .setExpectedCalibrationError(r.expectedCalibrationError()).setCount(r.count());
    for (int b = 0; b < bins; b++) {
      out.addBinCount(r.binCount()[b]).addBinAccuracy(r.binAccuracy()[b]).addBinConfidence(r.binConfidence()[b]);
    }
    return out.build();
  }

  /** The reference's ORIG test accuracy: points whose overall argmax is "fake" (0) are dropped. */
  static void setExcludingFake(EvaluationMetrics.Builder metrics, float[] probs, int[] labels) {
    int outputs = probs.length / labels.length;
    int kept = 0;
    int correct = 0;
    for (int i = 0; i < labels.length; i++) {
      int best = DiscriminatorClassifier.argMax(probs, i * outputs, outputs);
      if (best != 0) {
        kept++;
        if (best - 1 == labels[i]) {
          correct++;
        }
      }
    }
    metrics.setSemiSupervisedAccuracyExcludingFake(kept == 0 ? 0 : (double) correct / kept)
        .setFractionPredictedFake(1 - (double) kept / labels.length);
  }

  private static void writeGrids(TrainedModel model, int iteration, EvaluateConfig config,
      ImageSplit shape, NDManager manager, Path out, EvaluationMetrics.Builder metrics) throws IOException {
    Files.createDirectories(out.resolve("grids"));
    ConditioningSampler conditioning = model.conditioning();
    // A class-conditional model's grid has a row per class, grid_side images of it (AC-GAN's figure).
    int rows = conditioning.classes() > 0 ? conditioning.classes() : config.getGridSide();
    int count = rows * config.getGridSide();
    for (int g = 0; g < model.networks().generatorCount(); g++) {
      try (NDManager scope = manager.newSubManager()) {
        Network generator = model.generator(scope, g, iteration);
        Engine.getInstance().setRandomSeed((int) dev.bgan.common.Seeds.child(config.getRandomSeed(), "grid", g));
        NDArray z = scope.randomUniform(-1f, 1f, new Shape(count, model.config().getZDim()), DataType.FLOAT32);
        Conditioning c = conditioning.classes() > 0
            ? Conditioning.ofClasses(IntStream.range(0, count).map(i -> i / config.getGridSide()).toArray())
            : conditioning.draw(count,
                new SplittableRandom(dev.bgan.common.Seeds.child(config.getRandomSeed(), "grid-conditioning", g)));
        float[] images = generator.forward(conditioning.input(z, c), false).toFloatArray();
        String name = String.format("grids/generator-%02d.png", g);
        SampleGrid.write(SampleGrid.tile(images, count, shape.channels(), shape.height(), shape.width(),
            rows, config.getGridSide()), out.resolve(name));
        metrics.addSampleGrids(name);
      }
    }
  }

  private static String input(ArtifactManifest manifest, String role) {
    return manifest.getInputsList().stream()
        .filter(i -> i.getRole().equals(role))
        .map(InputRef::getId)
        .findFirst()
        .orElseThrow(() -> new BadInputException("artifact " + manifest.getId() + " has no '" + role + "' input"));
  }
}
