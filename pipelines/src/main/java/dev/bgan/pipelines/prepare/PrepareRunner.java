package dev.bgan.pipelines.prepare;

import dev.bgan.artifact.ArtifactStore;
import dev.bgan.common.BadInputException;
import dev.bgan.common.ConfigFields;
import dev.bgan.prepare.MnistDataset;
import dev.bgan.proto.PrepareConfig;
import dev.bgan.workflow.StageCall;
import dev.bgan.workflow.StageRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code prepare} stage for workflows and the command line. Parameters are the fields of
 * {@link PrepareConfig}; options say which dataset ({@code dataset}, e.g. mnist), where its raw
 * files are ({@code source}, a directory) or that they are to be downloaded ({@code download}).
 */
public final class PrepareRunner implements StageRunner {
  public static final String DATASET = "dataset";
  public static final String SOURCE = "source";
  public static final String DOWNLOAD = "download";
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
    return Set.of(DATASET, SOURCE, DOWNLOAD, RUNNER, FLINK_MASTER, PARALLELISM);
  }

  @Override
  public Set<String> flagOptions() {
    return Set.of(DOWNLOAD);
  }

  @Override
  public ArtifactStore.Produced run(StageCall call) throws IOException {
    PrepareConfig.Builder config = PrepareConfig.newBuilder().setNumShards(PrepareRequest.DEFAULT_NUM_SHARDS);
    ConfigFields.setAll(config, call.params());
    String dataset = call.options().getOrDefault(DATASET, config.getDataset());
    if (!config.getDataset().isEmpty() && !config.getDataset().equals(dataset)) {
      throw BadInputException.inParameter(DATASET, config.getDataset(), "conflicts with the dataset " + dataset);
    }
    if (!dataset.equals(MnistDataset.NAME)) {
      throw BadInputException.inParameter(DATASET, dataset, "unknown dataset (known: " + MnistDataset.NAME + ")");
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
    // Built per run, so that the mirrors property is read when the stage runs.
    return PrepareMnist.standard().run(call.store(), request);
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

  private static boolean parseBoolean(String name, String value) {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw BadInputException.inParameter(name, value, "must be true or false");
    };
  }
}
