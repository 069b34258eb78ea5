package dev.bgan.pipelines.prepare;

import dev.bgan.artifact.ArtifactStore;
import dev.bgan.artifact.CachePolicy;
import dev.bgan.common.BadInputException;
import dev.bgan.common.ConfigFields;
import dev.bgan.prepare.MnistDataset;
import dev.bgan.prepare.celeba.CelebaDataset;
import dev.bgan.prepare.cifar.Cifar10Dataset;
import dev.bgan.prepare.folder.ImageFolderDataset;
import dev.bgan.prepare.npy.NpyDataset;
import dev.bgan.prepare.npy.NpyFiles;
import dev.bgan.prepare.svhn.SvhnDataset;
import dev.bgan.prepare.synthetic.SyntheticDataset;
import dev.bgan.proto.PrepareConfig;
import dev.bgan.workflow.StageCall;
import dev.bgan.workflow.StageRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The {@code prepare} stage for workflows and the command line. Parameters are the fields of
 * {@link PrepareConfig}; options say which dataset ({@code dataset}: mnist, fashion-mnist, svhn,
 * cifar10, celeba, npy, folder), where its raw files are ({@code source}, a directory) or that they
 * are to be downloaded ({@code download}), whether SVHN's extra images join its train split
 * ({@code extra}), CelebA's crop size, label attributes and face cascade ({@code size},
 * {@code attributes}, {@code cascade}, which the dataset records among its parameters and sources),
 * the custom datasets' files and name, the synthetic data's size, dimension and seed
 * ({@code num_points}, {@code num_clusters}, {@code x_dim}, {@code seed}), and which Beam runner writes the shards ({@code runner},
 * {@code flink-master}, {@code parallelism}).
 */
public final class PrepareRunner implements StageRunner {
  /** Prepares one dataset from a request. */
  @FunctionalInterface
  interface Preparer {
    ArtifactStore.Produced run(ArtifactStore store, PrepareRequest request) throws IOException;
  }

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
  /** Options that only some datasets take, by dataset. */
  private static final Map<String, Set<String>> DATASET_OPTIONS = Map.of(
      PrepareNpy.DATASET, Set.of(NpyFiles.ROLES.get(0), NpyFiles.ROLES.get(1), NpyFiles.ROLES.get(2),
          NpyFiles.ROLES.get(3), NAME),
      PrepareFolder.DATASET, Set.of(NAME),
      CelebaDataset.NAME, Set.of(SIZE, ATTRIBUTES, CASCADE),
      SyntheticDataset.NAME, Set.of(NUM_POINTS, NUM_CLUSTERS, X_DIM, SEED));
  /** Built per run from the options, so that the mirror properties are read when the stage runs. */
  private static final Map<String, Function<StageCall, Preparer>> PREPARERS = Map.of(
      MnistDataset.NAME, call -> PrepareMnist.standard()::run,
      MnistDataset.FASHION_NAME, call -> PrepareFashionMnist.standard()::run,
      Cifar10Dataset.NAME, call -> PrepareCifar10.standard()::run,
      SvhnDataset.NAME, call -> PrepareSvhn.standard(false)::run,
      SvhnDataset.NAME_WITH_EXTRA, call -> PrepareSvhn.standard(true)::run,
      CelebaDataset.NAME, call -> celeba(call.options())::run,
      PrepareNpy.DATASET, call -> new PrepareNpy(NpyFiles.of(call.options()),
          call.options().getOrDefault(NAME, NpyDataset.DEFAULT_NAME))::run,
      PrepareFolder.DATASET, call -> new PrepareFolder(
          call.options().getOrDefault(NAME, ImageFolderDataset.DEFAULT_NAME))::run,
      SyntheticDataset.NAME, call -> new PrepareSynthetic(
          intOption(call, NUM_POINTS, SyntheticDataset.DEFAULT_NUM_POINTS),
          intOption(call, NUM_CLUSTERS, SyntheticDataset.DEFAULT_NUM_CLUSTERS),
          intOption(call, X_DIM, SyntheticDataset.DEFAULT_X_DIM),
          longOption(call, SEED, SyntheticDataset.DEFAULT_SEED))::run);

  @Override
  public String name() {
    return STAGE;
  }

  @Override
  public List<String> inputRoles() {
    return List.of();
  }

  @Override
  public Set<String> optionNames() {
    Set<String> names = new TreeSet<>(Set.of(DATASET, SOURCE, DOWNLOAD, EXTRA, RUNNER, FLINK_MASTER, PARALLELISM));
    DATASET_OPTIONS.values().forEach(names::addAll);
    return names;
  }

  /**
   * The options that {@code prepare DATASET} means something for: where its raw files come from,
   * its own parameters, and the Beam runner; what help lists for the dataset.
   */
  public static Set<String> optionNames(String dataset) {
    Set<String> names = new TreeSet<>(Set.of(RUNNER, FLINK_MASTER, PARALLELISM));
    names.addAll(DATASET_OPTIONS.getOrDefault(dataset, Set.of()));
    if (Set.of(MnistDataset.NAME, MnistDataset.FASHION_NAME, Cifar10Dataset.NAME, SvhnDataset.NAME).contains(dataset)) {
      names.add(DOWNLOAD);
    }
    if (!dataset.equals(SyntheticDataset.NAME) && !dataset.equals(PrepareNpy.DATASET)) {
      names.add(SOURCE);
    }
    if (dataset.equals(SvhnDataset.NAME)) {
      names.add(EXTRA);
    }
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
    Resolved resolved = resolve(call, true);
    return resolved.preparer().run(call.store(), resolved.request());
  }

  /**
   * The dataset, its options and the runner are checked; no raw file is read or hashed, nor need it
   * exist yet (a workflow may be checked before the files it names are made).
   */
  @Override
  public void check(StageCall call) {
    resolve(call, false);
  }

  /** A call's preparer and request, every option parsed and checked. */
  private record Resolved(Preparer preparer, PrepareRequest request) {}

  private Resolved resolve(StageCall call, boolean forRun) {
    PrepareConfig.Builder config = PrepareConfig.newBuilder().setNumShards(PrepareRequest.DEFAULT_NUM_SHARDS);
    ConfigFields.setAll(config, call.params());
    String dataset = call.options().getOrDefault(DATASET, config.getDataset());
    if (!config.getDataset().isEmpty() && !config.getDataset().equals(dataset)) {
      throw BadInputException.inParameter(DATASET, config.getDataset(), "conflicts with the dataset " + dataset);
    }
    if (parseBoolean(EXTRA, call.options().getOrDefault(EXTRA, "false"))) {
      dataset = dataset + "_extra";
    }
    Function<StageCall, Preparer> preparer = PREPARERS.get(dataset);
    if (preparer == null) {
      throw BadInputException.inParameter(DATASET, dataset, "unknown dataset (known: "
          + String.join(", ", new TreeSet<>(PREPARERS.keySet())) + ")");
    }
    for (Map.Entry<String, Set<String>> specific : DATASET_OPTIONS.entrySet()) {
      for (String option : specific.getValue()) {
        if (!dataset.equals(specific.getKey()) && call.options().containsKey(option)
            && !DATASET_OPTIONS.getOrDefault(dataset, Set.of()).contains(option)) {
          throw BadInputException.inParameter(option, call.options().get(option), "is not an option of prepare "
              + dataset);
        }
      }
    }
    PrepareRequest request = PrepareRequest.defaults()
        .withNumShards(config.getNumShards())
        .withDownload(parseBoolean(DOWNLOAD, call.options().getOrDefault(DOWNLOAD, "false")))
        .withPolicy(call.policy())
        .withRunner(runner(call));
    String source = call.options().get(SOURCE);
    if (source != null) {
      request = request.withSourceDir(Path.of(source));
    }
    if (!forRun && dataset.equals(PrepareNpy.DATASET)) {
      for (String role : NpyFiles.ROLES) {
        if (call.options().getOrDefault(role, "").isBlank()) {
          throw BadInputException.inParameter(role, call.options().get(role),
              "the npy dataset needs --train-x, --train-y, --test-x and --test-y, each a .npy file");
        }
      }
      return null;
    }
    return new Resolved(preparer.apply(call), request);
  }

  /** The raw files are located and hashed (the cache key holds their hashes); nothing is written. */
  @Override
  public String plannedId(StageCall call) throws IOException {
    return run(call.withPolicy(CachePolicy.PLAN)).artifact().id();
  }

  /** CelebA's crop size, label attributes and cascade, from the options or the defaults. */
  private static PrepareCeleba celeba(Map<String, String> options) {
    PrepareCeleba celeba = PrepareCeleba.defaults();
    String size = options.get(SIZE);
    if (size != null) {
      try {
        celeba = celeba.withSize(Integer.parseInt(size.trim()));
      } catch (NumberFormatException e) {
        throw BadInputException.inParameter(SIZE, size, "must be 32 (HEAD) or 50 (ORIG)");
      }
    }
    if (options.containsKey(ATTRIBUTES)) {
      celeba = celeba.withAttributes(options.get(ATTRIBUTES));
    }
    if (options.containsKey(CASCADE)) {
      celeba = celeba.withCascade(Path.of(options.get(CASCADE)));
    }
    return celeba;
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

  private static int intOption(StageCall call, String name, int defaultValue) {
    long value = longOption(call, name, defaultValue);
    if (value > Integer.MAX_VALUE) {
      throw BadInputException.inParameter(name, value, "must be at most " + Integer.MAX_VALUE);
    }
    return (int) value;
  }

  private static long longOption(StageCall call, String name, long defaultValue) {
    String value = call.options().get(name);
    if (value == null) {
      return defaultValue;
    }
    try {
      long parsed = Long.parseLong(value.trim());
      if (parsed < 0) {
        throw BadInputException.inParameter(name, value, "must be >= 0");
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw BadInputException.inParameter(name, value, "must be a whole number");
    }
  }

  private static boolean parseBoolean(String name, String value) {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw BadInputException.inParameter(name, value, "must be true or false");
    };
  }
}
