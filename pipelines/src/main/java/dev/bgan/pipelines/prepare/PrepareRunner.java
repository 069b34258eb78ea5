package dev.bgan.pipelines.prepare;

import dev.bgan.artifact.ArtifactStore;
import dev.bgan.common.BadInputException;
import dev.bgan.common.ConfigFields;
import dev.bgan.prepare.MnistDataset;
import dev.bgan.prepare.cifar.Cifar10Dataset;
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
 * {@link PrepareConfig}; options say which dataset ({@code dataset}: mnist, svhn, cifar10), where its raw
 * files are ({@code source}, a directory) or that they are to be downloaded ({@code download}),
 * whether SVHN's extra images join its train split ({@code extra}), the synthetic data's size,
 * dimension and seed ({@code num_points}, {@code num_clusters}, {@code x_dim}, {@code seed}), and
 * which Beam runner writes the shards ({@code runner}, {@code flink-master}, {@code parallelism}).
 */
public final class PrepareRunner implements StageRunner {
  /** Prepares one dataset from a request. */
  @FunctionalInterface
  interface Preparer {
    ArtifactStore.Produced run(ArtifactStore store, PrepareRequest request) throws IOException;
  }

  public static final String NUM_POINTS = "num_points";
  public static final String NUM_CLUSTERS = "num_clusters";
  public static final String X_DIM = "x_dim";
  public static final String SEED = "seed";

  /** Built per run from the call's options, so that the mirror properties are read when the stage runs. */
  private static final Map<String, Function<StageCall, Preparer>> PREPARERS = Map.of(
      MnistDataset.NAME, call -> PrepareMnist.standard()::run,
      Cifar10Dataset.NAME, call -> PrepareCifar10.standard()::run,
      SvhnDataset.NAME, call -> PrepareSvhn.standard(false)::run,
      SvhnDataset.NAME_WITH_EXTRA, call -> PrepareSvhn.standard(true)::run,
      SyntheticDataset.NAME, call -> new PrepareSynthetic(
          intOption(call, NUM_POINTS, SyntheticDataset.DEFAULT_NUM_POINTS),
          intOption(call, NUM_CLUSTERS, SyntheticDataset.DEFAULT_NUM_CLUSTERS),
          intOption(call, X_DIM, SyntheticDataset.DEFAULT_X_DIM),
          longOption(call, SEED, SyntheticDataset.DEFAULT_SEED))::run);

  public static final String DATASET = "dataset";
  public static final String SOURCE = "source";
  public static final String DOWNLOAD = "download";
  public static final String EXTRA = "extra";
  public static final String RUNNER = "runner";
  public static final String FLINK_MASTER = "flink-master";
  public static final String PARALLELISM = "parallelism";

  @Override
  public String name() {
    return "prepare";
  }

  @Override
  public List<String> inputRoles() {
    return List.of();
  }

  @Override
  public Set<String> optionNames() {
    return Set.of(DATASET, SOURCE, DOWNLOAD, EXTRA, RUNNER, FLINK_MASTER, PARALLELISM,
        NUM_POINTS, NUM_CLUSTERS, X_DIM, SEED);
  }

  @Override
  public Set<String> flagOptions() {
    return Set.of(DOWNLOAD, EXTRA);
  }

  @Override
  public ArtifactStore.Produced run(StageCall call) throws IOException {
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
    PrepareRequest request = PrepareRequest.defaults()
        .withNumShards(config.getNumShards())
        .withDownload(parseBoolean(DOWNLOAD, call.options().getOrDefault(DOWNLOAD, "false")))
        .withPolicy(call.policy())
        .withRunner(runner(call));
    String source = call.options().get(SOURCE);
    if (source != null) {
      request = request.withSourceDir(Path.of(source));
    }
    return preparer.apply(call).run(call.store(), request);
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
