package dev.bgan.train.classifier;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.bgan.artifact.Artifact;
import dev.bgan.artifact.ArtifactSpec;
import dev.bgan.artifact.ArtifactStore;
import dev.bgan.artifact.CachePolicy;
import dev.bgan.common.BadInputException;
import dev.bgan.common.ConfigFields;
import dev.bgan.common.Progress;
import dev.bgan.common.Seeds;
import dev.bgan.dataset.DatasetArtifacts;
import dev.bgan.dataset.ImageSplit;
import dev.bgan.proto.ClassifierConfig;
import dev.bgan.proto.ClassifierSummary;
import dev.bgan.proto.DatasetSummary;
import dev.bgan.train.SemiSupervisedObjective;
import dev.bgan.train.TorchRuntime;
import dev.bgan.train.sampler.SamplerSettings;
import dev.bgan.train.sampler.SghmcSampler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code train-classifier}: a dataset artifact in, a classifier artifact out: the
 * {@link EvaluationClassifier} trained with Adam on the whole training split (shuffled per epoch
 * from the seed), with its test accuracy after every epoch in the manifest. Evaluation takes its
 * features for FID and its probabilities for the Inception Score.
 */
public final class ClassifierStage {
  public static final String KIND = "classifier";
  public static final String STAGE = "train-classifier";
  /** Bump when the same config and data would give a different classifier. 2: lr_epoch_factor per epoch. */
  public static final int VERSION = 2;
  /** The payload directory, relative to the artifact. */
  public static final String DIR = "classifier";

  private static final Logger LOG = LoggerFactory.getLogger(ClassifierStage.class);
  private static final int EVAL_BATCH = 500;

  public static ClassifierConfig.Builder defaults() {
    // A constant step size ended MNIST at 97.30%, 98.79%, 98.38% after epochs 1-3: halving it per epoch
    // lets the last epochs settle instead of wander.
    return ClassifierConfig.newBuilder().setEpochs(4).setBatchSize(64).setLr(1e-3).setLrEpochFactor(0.5)
        .setRandomSeed(1).setWidth(32).setFeatureDim(128);
  }

  /** What {@link #run} would produce, known without running it. */
  public static ArtifactSpec spec(String dataId, ClassifierConfig config) {
    validate(config);
    return ArtifactSpec.of(KIND, STAGE, VERSION, ConfigFields.canonical(config)).withInput("data", dataId);
  }

  public ArtifactStore.Produced run(ArtifactStore store, String dataId, ClassifierConfig config, CachePolicy policy)
      throws IOException {
    Artifact data = store.require(dataId, "dataset");
    ArtifactSpec spec = spec(dataId, config);
    ArtifactStore.Produced produced = store.produce(spec, policy, draft -> {
      DatasetSummary dataset = DatasetArtifacts.summary(data);
      ImageSplit train = DatasetArtifacts.loadSplit(data, "train");
      ImageSplit test = DatasetArtifacts.loadSplit(data, "test");
      if (train.size() < config.getBatchSize()) {
        throw BadInputException.inParameter("batch_size", config.getBatchSize(),
            "exceeds the " + train.size() + " training images");
      }
      ClassifierSummary.Builder summary = ClassifierSummary.newBuilder()
          .setNumClasses(dataset.getNumClasses())
          .setFeatureDim(config.getFeatureDim())
          .setHeight(train.height())
          .setWidth(train.width())
          .setChannels(train.channels())
          .setArchitecture(EvaluationClassifier.architecture(config.getWidth(), config.getFeatureDim(),
              dataset.getNumClasses()));
      Path dir = Files.createDirectories(draft.dir().resolve(DIR));
      train(config, train, test, summary, dir);
      TorchRuntime.describe(draft.manifest().getEnvironmentBuilder(), Device.cpu());
      draft.manifest().setClassifier(summary);
    });
    LOG.info("{} classifier {}", produced.cached() ? "Reused" : "Trained", produced.artifact().id());
    return produced;
  }

  private static void train(ClassifierConfig config, ImageSplit train, ImageSplit test,
      ClassifierSummary.Builder summary, Path dir) throws IOException {
    Engine engine = TorchRuntime.engine();
    int batch = config.getBatchSize();
    int stepsPerEpoch = train.size() / batch;
    // Maximum likelihood Adam: no prior, no noise, no warm-up switch.
    SamplerSettings adam = new SamplerSettings(SamplerSettings.Optimizer.ADAM, 0, 0, 0, 0, 1, true);
    try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
        Progress progress = Progress.start(STAGE, (long) stepsPerEpoch * config.getEpochs(), 0, "batch")) {
      EvaluationClassifier classifier = EvaluationClassifier.create(summary.buildPartial(), config.getWidth(),
          config.getRandomSeed(), manager);
      SghmcSampler optimizer = new SghmcSampler(adam, classifier.trainable(), manager);
      int t = 0;
      for (int epoch = 0; epoch < config.getEpochs(); epoch++) {
        int[] order = shuffled(train.size(), Seeds.child(config.getRandomSeed(), "epoch", epoch));
        for (int s = 0; s < stepsPerEpoch; s++, t++) {
          int[] idx = java.util.Arrays.copyOfRange(order, s * batch, (s + 1) * batch);
          try (NDManager step = manager.newSubManager()) {
            NDArray x = images(step, train, idx);
            NDArray y = step.create(train.labelsOf(idx));
            try (GradientCollector gc = engine.newGradientCollector()) {
              gc.backward(SemiSupervisedObjective.crossEntropy(classifier.logits(x, true), y));
            }
            optimizer.step(classifier.trainable(), t, learningRate(config, epoch), train.size(), step);
          }
          progress.step();
        }
        double accuracy = accuracy(classifier, test, manager);
        summary.addTestAccuracy(accuracy);
        progress.status(String.format("epoch %d test accuracy %.4f", epoch + 1, accuracy));
        LOG.info("epoch {}: test accuracy {}", epoch + 1, accuracy);
      }
      classifier.save(dir);
    }
  }

  /** The Adam step size of epoch {@code epoch} (from 0): lr * lr_epoch_factor^epoch. */
  static double learningRate(ClassifierConfig config, int epoch) {
    return config.getLr() * Math.pow(config.getLrEpochFactor(), epoch);
  }

  /** Fraction of the split whose most probable class is its label. */
  static double accuracy(EvaluationClassifier classifier, ImageSplit split, NDManager manager) {
    long correct = 0;
    for (int start = 0; start < split.size(); start += EVAL_BATCH) {
      int[] idx = IntStream.range(start, Math.min(split.size(), start + EVAL_BATCH)).toArray();
      try (NDManager batch = manager.newSubManager()) {
        long[] predicted = classifier.logits(images(batch, split, idx), false).argMax(1).toLongArray();
        int[] labels = split.labelsOf(idx);
        for (int i = 0; i < idx.length; i++) {
          correct += predicted[i] == labels[i] ? 1 : 0;
        }
      }
    }
    return (double) correct / split.size();
  }

  static NDArray images(NDManager manager, ImageSplit split, int[] idx) {
    return manager.create(split.chwScaled(idx), new Shape(idx.length, split.channels(), split.height(), split.width()));
  }

  /** A Fisher–Yates permutation of 0..n-1 from {@code seed}. */
  private static int[] shuffled(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int[] order = IntStream.range(0, n).toArray();
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int tmp = order[i];
      order[i] = order[j];
      order[j] = tmp;
    }
    return order;
  }

  static void validate(ClassifierConfig config) {
    if (config.getEpochs() < 1) {
      throw BadInputException.inParameter("epochs", config.getEpochs(), "must be >= 1");
    }
    if (config.getBatchSize() < 2) {
      throw BadInputException.inParameter("batch_size", config.getBatchSize(), "must be >= 2 (batch norm)");
    }
    if (!(config.getLr() > 0) || !Double.isFinite(config.getLr())) {
      throw BadInputException.inParameter("lr", config.getLr(), "must be a positive number");
    }
    if (!(config.getLrEpochFactor() > 0 && config.getLrEpochFactor() <= 1)) {
      throw BadInputException.inParameter("lr_epoch_factor", config.getLrEpochFactor(), "must be in (0, 1]");
    }
    if (config.getWidth() < 1 || config.getFeatureDim() < 1) {
      throw BadInputException.inParameter("width/feature_dim", config.getWidth() + "/" + config.getFeatureDim(),
          "must be >= 1");
    }
  }
}
