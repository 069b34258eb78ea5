package dev.bgan.train;

import ai.djl.Device;
import dev.bgan.artifact.Artifact;
import dev.bgan.artifact.ArtifactSpec;
import dev.bgan.artifact.ArtifactStore;
import dev.bgan.artifact.CachePolicy;
import dev.bgan.common.BadInputException;
import dev.bgan.common.ConfigFields;
import dev.bgan.common.FileTrees;
import dev.bgan.dataset.DatasetArtifacts;
import dev.bgan.dataset.ImageSplit;
import dev.bgan.dataset.PointSplit;
import dev.bgan.proto.DatasetSummary;
import dev.bgan.proto.ModelSummary;
import dev.bgan.proto.TrainConfig;
import dev.bgan.proto.TrainingLog;
import dev.bgan.proto.TrainingLogEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The train stage: a dataset artifact and a {@link TrainConfig} in, a model artifact out (posterior
 * samples every n_save iterations, the supervised baseline, the training log). Training state
 * lives in the store's work directory for the artifact's id until publication, so a killed run
 * resumes where its last checkpoint left off.
 */
public final class TrainStage {
  private static final Logger LOG = LoggerFactory.getLogger(TrainStage.class);

  public static final String STAGE = "train";
  /**
   * Bump when the algorithm changes what a given config produces. 2: J_d discriminator chains, saved as
   * discriminator-DD.params (version 1 saved one, discriminator.params; evaluate reads both). 3: the
   * DCGAN generators up-sample by the reference's stride-2 transposed convolutions instead of
   * nearest-neighbour upsampling + convolution (evaluate still builds the older generators for older models).
   */
  public static final int VERSION = 3;

  private final boolean tensorBoard;

  /** A stage that also writes TensorBoard events of each run to {@link ArtifactStore#tensorBoardDir}. */
  public TrainStage() {
    this(true);
  }

  private TrainStage(boolean tensorBoard) {
    this.tensorBoard = tensorBoard;
  }

  /** With {@code false}, no TensorBoard events are written: the model artifact is the same either way. */
  public TrainStage withTensorBoard(boolean write) {
    return new TrainStage(write);
  }

  /** What the model artifact of {@code config} on the dataset {@code dataId} is made from; nothing is read. */
  public static ArtifactSpec spec(String dataId, TrainConfig config) {
    TrainConfigs.validate(config);
    return ArtifactSpec.of("model", STAGE, VERSION, ConfigFields.canonical(TrainConfigs.normalized(config)))
        .withInput("data", dataId);
  }

  public ArtifactStore.Produced run(ArtifactStore store, String dataId, TrainConfig config, CachePolicy policy)
      throws IOException {
    Artifact data = store.require(dataId, "dataset");
    ArtifactSpec spec = spec(dataId, config);
    TrainConfigs.samplerWarning(config).ifPresent(warning -> LOG.warn("{}", warning));
    String id = spec.cacheKey().artifactId(spec.kind());
    // The store holds the id's lock while the writer runs: no other process trains into this work directory.
    return store.produce(spec, policy, draft -> {
      // Resolved once the run cache has missed, before training: a cache hit never loads the engine.
      Device device = TorchRuntime.device(config.getDevice());
      Path workDir = store.workDir(id);
      Path events = tensorBoard ? store.tensorBoardDir(id) : null;
      if (policy == CachePolicy.FORCE) {
        clearWorkDir(workDir);
        if (events != null) {
          // A forced run starts again from iteration 0: the curves of the run it replaces would overlap.
          clearWorkDir(events);
        }
      }
      DatasetSummary summary = DatasetArtifacts.summary(data);
      GanNetworks networks = new GanNetworks(config, NetworkFamilies.of(config, summary), summary.getNumClasses());
      boolean points = summary.getKind() == DatasetSummary.Kind.POINTS;
      if (points && config.getSemiSupervised()) {
        throw BadInputException.inParameter("semi_supervised", true, "needs an image dataset with a test split; "
            + data.id() + " holds points");
      }
      BatchSource train;
      int[] labels;
      ImageSplit test = null;
      if (points) {
        PointSplit split = DatasetArtifacts.loadPoints(data, "train");
        train = new PointBatches(split);
        labels = split.labels();
      } else {
        ImageSplit split = DatasetArtifacts.loadSplit(data, "train");
        train = new ImageBatches(split);
        labels = split.labels();
        test = DatasetArtifacts.loadSplit(data, "test");
      }
      if (config.getSemiSupervised() && config.getN() > train.size()) {
        throw BadInputException.inParameter("N", config.getN(), "exceeds the " + train.size() + " training examples");
      }
      if (config.getSemiSupervised() && Arrays.stream(labels).distinct().count() < 2) {
        throw BadInputException.inParameter("semi_supervised", true, "needs at least 2 classes in the train split; "
            + data.id() + " has " + Arrays.stream(labels).distinct().count());
      }
      if (config.getSemiSupervised() && config.getN() < summary.getNumClasses()) {
        throw BadInputException.inParameter("N", config.getN(), "is smaller than the " + summary.getNumClasses()
            + " classes of " + data.id() + ": some classes would have no labeled example (give N >= "
            + summary.getNumClasses() + ")");
      }
      int[] labeled = LabeledSubset.draw(labels, summary.getNumClasses(), config.getN(), config.getRandomSeed());
      TrainingLog log = new BayesianGanTrainer(config, networks, train, test, labeled, workDir)
          .withTensorBoard(events).run();
      moveInto(workDir, draft.dir());
      TorchRuntime.describe(draft.manifest().getEnvironmentBuilder(), device);
      draft.manifest().setModel(ModelSummary.newBuilder()
          .setIterations(config.getTrainIter())
          .setNumGeneratorSamples(networks.generatorCount())
          .setNumDiscriminatorSamples(networks.discriminatorCount())
          .addAllSavedIterations(log.getEntriesList().stream().map(TrainingLogEntry::getIteration).toList())
          .addAllLabeledIndices(Arrays.stream(labeled).boxed().toList())
          .setHasSupervisedBaseline(config.getSemiSupervised() && config.getSupervisedBaseline()));
      // What is left is checkpoints, which the published samples supersede.
      FileTrees.deleteRecursively(workDir);
    });
  }

  private static void moveInto(Path workDir, Path target) throws IOException {
    for (String name : new String[] {ModelLayout.SAMPLES, "supervised", ModelLayout.TRAINING_LOG}) {
      Path source = workDir.resolve(name);
      if (Files.exists(source)) {
        Files.move(source, target.resolve(name));
      }
    }
  }

  /** Removes training state (a forced run starts afresh). */
  private static void clearWorkDir(Path workDir) throws IOException {
    try (Stream<Path> paths = Files.walk(workDir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        if (!p.equals(workDir)) {
          Files.delete(p);
        }
      }
    }
  }
}
