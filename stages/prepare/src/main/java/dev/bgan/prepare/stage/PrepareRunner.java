package dev.bgan.prepare.stage;

import dev.bgan.artifact.ArtifactStore;
import dev.bgan.artifact.CachePolicy;
import dev.bgan.common.BadInputException;
import dev.bgan.common.ConfigFields;
import dev.bgan.prepare.npy.NpyDataset;
import dev.bgan.prepare.npy.NpyFiles;
import dev.bgan.proto.PrepareConfig;
import dev.bgan.stage.StageCall;
import dev.bgan.stage.StageRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code prepare} stage for workflows and the command line. Parameters are the fields of
 * {@link PrepareConfig}; options say which dataset ({@code dataset}, a row of {@link Datasets}),
 * the options that dataset accepts (where its raw files are, {@code source}, or that they are to be
 * downloaded, {@code download}; SVHN's {@code extra}; CelebA's crop size, attributes and cascade;
 * the custom datasets' files and name; the synthetic data's size, dimension and seed), and which
 * Beam runner writes the shards ({@code runner}, {@code flink-master}, {@code parallelism}).
 */
public final class PrepareRunner implements StageRunner {
  public static final String STAGE = "prepare";
  public static final String DATASET = "dataset";
  public static final String SOURCE = "source";
  public static final String DOWNLOAD = "download";
  public static final String EXTRA = "extra";
  public static final String RUNNER = "runner";
  public static final String FLINK_MASTER = "flink-master";
  public static final String PARALLELISM = "parallelism";
  public static final String NAME = "name";
  public static final String SIZE = "size";
  public static final String ATTRIBUTES = "attributes";
  public static final String CASCADE = "cascade";
  public static final String NUM_POINTS = "num_points";
  public static final String NUM_CLUSTERS = "num_clusters";
  public static final String X_DIM = "x_dim";
  public static final String SEED = "seed";
  /** The Beam runner's options, which every dataset takes. */
  private static final Set<String> RUNNER_OPTIONS = Set.of(RUNNER, FLINK_MASTER, PARALLELISM);
  /**
   * Where raw files come from: a dataset that does not take one of these refuses it itself, saying
   * what it takes instead.
   */
  private static final Set<String> SOURCE_OPTIONS = Set.of(SOURCE, DOWNLOAD, EXTRA);

  @Override
  public String name() {
    return STAGE;
  }

  @Override
  public int version() {
    return PrepareDataset.STAGE_VERSION;
  }

  @Override
  public List<String> inputRoles() {
    return List.of();
  }

  @Override
  public Set<String> optionNames() {
    Set<String> names = new TreeSet<>(RUNNER_OPTIONS);
    names.add(DATASET);
    names.addAll(Datasets.allOptions());
    return names;
  }

  /**
   * The options that {@code prepare DATASET} means something for: its row's options and the Beam
   * runner's; what help lists for the dataset.
   */
  public static Set<String> optionNames(String dataset) {
    Set<String> names = new TreeSet<>(RUNNER_OPTIONS);
    Datasets.find(dataset).ifPresent(d -> names.addAll(d.options()));
    return names;
  }

  @Override
  public String outputKind() {
    return PrepareDataset.KIND;
  }

  @Override
  public String inputKind(String role) {
    throw new IllegalArgumentException("prepare has no inputs");
  }

  @Override
  public Set<String> parameterNames() {
    return ConfigFields.names(PrepareConfig.getDescriptor());
  }

  @Override
  public Set<String> flagOptions() {
    return Set.of(DOWNLOAD, EXTRA);
  }

  @Override
  public ArtifactStore.Produced run(StageCall call) throws IOException {
    Resolved resolved = resolve(call);
    return resolved.dataset().preparer().apply(call.options()).run(call.store(), resolved.request());
  }

  /**
   * The dataset, its options and the runner are checked; no raw file is read or hashed, nor need it
   * exist yet (a workflow may be checked before the files it names are made).
   */
  @Override
  public void check(StageCall call) {
    Resolved resolved = resolve(call);
    if (resolved.dataset().name().equals(NpyDataset.DEFAULT_NAME)) {
      for (String role : NpyFiles.ROLES) {
        if (call.options().getOrDefault(role, "").isBlank()) {
          throw BadInputException.inParameter(role, call.options().get(role),
              "the npy dataset needs --train-x, --train-y, --test-x and --test-y, each a .npy file");
        }
      }
    } else {
      // Parses the dataset's own options (sizes, seeds) without reading a file.
      resolved.dataset().preparer().apply(call.options());
    }
  }

  /** The raw files are located and hashed (the cache key holds their hashes); nothing is written. */
  @Override
  public String plannedId(StageCall call) throws IOException {
    return run(call.withPolicy(CachePolicy.PLAN)).artifact().id();
  }

  /** A call's row of {@link Datasets} and its request, every option parsed and checked. */
  private record Resolved(Datasets.Dataset dataset, PrepareRequest request) {}

  private static Resolved resolve(StageCall call) {
    PrepareConfig.Builder config = PrepareConfig.newBuilder().setNumShards(PrepareRequest.DEFAULT_NUM_SHARDS);
    ConfigFields.setAll(config, call.params());
    String name = call.options().getOrDefault(DATASET, config.getDataset());
    if (!config.getDataset().isEmpty() && !config.getDataset().equals(name)) {
      throw BadInputException.inParameter(DATASET, config.getDataset(), "conflicts with the dataset " + name);
    }
    if (OptionValues.flag(call.options(), EXTRA)) {
      name = name + "_extra";
    }
    String wanted = name;
    Datasets.Dataset dataset = Datasets.find(name).orElseThrow(() -> BadInputException.inParameter(DATASET, wanted,
        "unknown dataset (known: " + String.join(", ", Datasets.ALL.stream().map(Datasets.Dataset::name).toList())
            + ")"));
    for (String option : call.options().keySet()) {
      if (!dataset.options().contains(option) && !SOURCE_OPTIONS.contains(option) && !RUNNER_OPTIONS.contains(option)
          && !option.equals(DATASET)) {
        throw BadInputException.inParameter(option, call.options().get(option), "is not an option of prepare " + name);
      }
    }
    PrepareRequest request = PrepareRequest.defaults()
        .withNumShards(config.getNumShards())
        .withDownload(OptionValues.flag(call.options(), DOWNLOAD))
        .withPolicy(call.policy())
        .withRunner(runner(call));
    String source = call.options().get(SOURCE);
    return new Resolved(dataset, source == null ? request : request.withSourceDir(Path.of(source)));
  }

  private static BeamRunner runner(StageCall call) {
    String name = call.options().getOrDefault(RUNNER, BeamRunner.DIRECT.name());
    String master = call.options().getOrDefault(FLINK_MASTER, "[local]");
    String parallelism = call.options().getOrDefault(PARALLELISM,
        String.valueOf(Runtime.getRuntime().availableProcessors()));
    try {
      return name.equals("direct") ? BeamRunner.DIRECT : new BeamRunner(name, master, Integer.parseInt(parallelism));
    } catch (NumberFormatException e) {
      throw BadInputException.inParameter(PARALLELISM, parallelism, "must be a whole number");
    }
  }
}
