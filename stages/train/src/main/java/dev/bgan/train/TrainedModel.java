package dev.bgan.train;

import ai.djl.ndarray.NDManager;
import dev.bgan.artifact.Artifact;
import dev.bgan.common.BadInputException;
import dev.bgan.common.ConfigFields;
import dev.bgan.proto.DatasetSummary;
import dev.bgan.proto.ModelSummary;
import dev.bgan.proto.TrainConfig;
import dev.bgan.train.nn.ConditioningSampler;
import dev.bgan.train.nn.Network;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A model artifact read back, the one way evaluations and reports see a trained model: its train
 * config (the manifest's parameters over the defaults), its networks in the layout of the train
 * stage version that wrote it, what its generators are conditioned on (the sampler training drew
 * from, rebuilt from the config), the iterations at which it saved posterior samples, and those
 * samples loaded into networks.
 */
public final class TrainedModel {
  private final Artifact artifact;
  private final ModelSummary summary;
  private final TrainConfig config;
  private final GanNetworks networks;

  private TrainedModel(Artifact artifact, ModelSummary summary, TrainConfig config, GanNetworks networks) {
    this.artifact = artifact;
    this.summary = summary;
    this.config = config;
    this.networks = networks;
  }

  /**
   * The model artifact {@code model}, trained on a dataset described by {@code data}; its summary is
   * checked against its payload first ({@link ModelArtifacts#summary}).
   */
  public static TrainedModel open(Artifact model, DatasetSummary data) {
    ModelSummary summary = ModelArtifacts.summary(model);
    TrainConfig.Builder builder = TrainConfigs.defaults();
    ConfigFields.setAll(builder, model.manifest().getParamsMap());
    TrainConfig config = builder.build();
    return new TrainedModel(model, summary, config, new GanNetworks(config,
        NetworkFamilies.of(config, data, model.manifest().getStageVersion()), data.getNumClasses()));
  }

  public String id() {
    return artifact.id();
  }

  public TrainConfig config() {
    return config;
  }

  public GanNetworks networks() {
    return networks;
  }

  /**
   * What the generators take besides z, as training drew it: an evaluation draws z, then its
   * conditioning from this sampler, and feeds the generator {@code conditioning().input(z, c)}.
   */
  public ConditioningSampler conditioning() {
    return networks.conditioning();
  }

  public ModelSummary summary() {
    return summary;
  }

  /** The iterations with saved posterior samples, oldest first; a model without any is refused. */
  public List<Integer> savedIterations() {
    List<Integer> saved = summary().getSavedIterationsList();
    if (saved.isEmpty()) {
      throw new BadInputException("model " + artifact.id() + " holds no posterior samples");
    }
    return saved;
  }

  public int lastIteration() {
    List<Integer> saved = savedIterations();
    return saved.get(saved.size() - 1);
  }

  /** Generator sample {@code index} as saved at {@code iteration}, built in {@code manager}. */
  public Network generator(NDManager manager, int index, int iteration) throws IOException {
    Network g = networks.generator(manager, index);
    g.load(ModelLayout.generator(sampleDir(iteration), index), manager);
    return g;
  }

  /** Loads discriminator chain {@code chain} as saved at {@code iteration} into {@code d} (built by {@link #networks}). */
  public void loadDiscriminator(Network d, int chain, int iteration, NDManager scratch) throws IOException {
    d.load(ModelLayout.discriminator(sampleDir(iteration), chain, artifact.manifest().getStageVersion()), scratch);
  }

  /** The supervised-only baseline, built in {@code manager}; the model must have one. */
  public Network supervised(NDManager manager) throws IOException {
    Network s = networks.supervised(manager);
    s.load(artifact.file(ModelLayout.SUPERVISED), manager);
    return s;
  }

  private Path sampleDir(int iteration) {
    return ModelLayout.sampleDir(artifact.dir(), iteration);
  }
}
