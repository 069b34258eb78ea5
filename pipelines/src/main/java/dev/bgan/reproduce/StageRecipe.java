package dev.bgan.reproduce;

import dev.bgan.artifact.ArtifactStore;
import dev.bgan.artifact.CachePolicy;
import dev.bgan.common.BadInputException;
import dev.bgan.common.ConfigFields;
import dev.bgan.prepare.stage.PrepareRunner;
import dev.bgan.prepare.svhn.SvhnDataset;
import dev.bgan.proto.ArtifactManifest;
import dev.bgan.proto.InputRef;
import dev.bgan.proto.PrepareConfig;
import dev.bgan.proto.SourceFile;
import dev.bgan.stage.StageCall;
import dev.bgan.stage.StageRunner;
import dev.bgan.workflow.StageRunners;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * How a manifest says its artifact was made, as a call of a stage runner: the runner's name, the
 * recorded parameters, the input ids by role ({@code metrics[0]}, {@code metrics[1]} become the
 * role {@code metrics}, in order) and, for prepare, the dataset's options. A recipe the code
 * cannot follow (another stage version, raw files that are not at hand) is refused, one line.
 */
record StageRecipe(String runner, Map<String, String> params, Map<String, List<String>> inputs,
    Map<String, String> options) {
  /** Datasets whose raw files {@code --source DIR} names; the others are refused when they have sources. */
  private static final Set<String> SOURCE_DIR_DATASETS = Set.of("mnist", "fashion-mnist", "cifar10", "svhn", "celeba");

  /**
   * The recipe of {@code manifest}; {@code sourceDir} is where a prepared dataset's raw files are
   * (null when not given).
   */
  static StageRecipe of(ArtifactManifest manifest, Path sourceDir) {
    String stage = manifest.getStage();
    String runner = stage.startsWith("prepare/") ? "prepare" : stage;
    if (!StageRunners.names().contains(runner)) {
      throw new BadInputException(manifest.getId() + " was made by the stage '" + stage
          + "', which this code does not have; it cannot be reproduced here");
    }
    int codeVersion = StageRunners.get(runner).version();
    if (codeVersion != manifest.getStageVersion()) {
      throw new BadInputException(manifest.getId() + " was made by " + stage + " version " + manifest.getStageVersion()
          + " and this code runs " + runner + " version " + codeVersion + ": it cannot reproduce another version"
          + " (check out a commit whose " + runner + " stage is version " + manifest.getStageVersion()
          + "; artifacts show " + manifest.getId() + " names the code version)");
    }
    Map<String, List<String>> inputs = new LinkedHashMap<>();
    for (InputRef input : manifest.getInputsList()) {
      String role = input.getRole().replaceFirst("\\[\\d+]$", "");
      inputs.computeIfAbsent(role, r -> new ArrayList<>()).add(input.getId());
    }
    Map<String, String> params = new TreeMap<>(manifest.getParamsMap());
    Map<String, String> options = new TreeMap<>();
    if (runner.equals("prepare")) {
      prepareOptions(manifest, stage.substring("prepare/".length()), sourceDir, params, options);
    } else if (manifest.getSourcesCount() > 0) {
      throw new BadInputException(manifest.getId() + " read raw files from outside the store (" + names(manifest)
          + "); reproduce recomputes artifacts whose only inputs are artifacts, and " + stage
          + " with a file (evaluate --feature-net FILE) is not one: rerun the stage with that file, and the same id"
          + " says it is the same file");
    } else if (sourceDir != null) {
      throw BadInputException.inParameter("--source", sourceDir, "only a prepared dataset reads raw files; "
          + manifest.getId() + " is made by " + stage);
    }
    return new StageRecipe(runner, params, inputs, options);
  }

  /** Prepare's dataset name, options and config fields, out of the parameters it recorded. */
  private static void prepareOptions(ArtifactManifest manifest, String dataset, Path sourceDir,
      Map<String, String> params, Map<String, String> options) {
    String base = dataset;
    if (dataset.equals(SvhnDataset.NAME_WITH_EXTRA)) {
      base = SvhnDataset.NAME;
      options.put(PrepareRunner.EXTRA, "true");
    }
    boolean sources = manifest.getSourcesCount() > 0;
    if (sources && !SOURCE_DIR_DATASETS.contains(base)) {
      throw new BadInputException(manifest.getId() + " was prepared from the files " + names(manifest)
          + ", which reproduce cannot locate for the dataset '" + base + "': rerun the bgan prepare command with those"
          + " files (their SHA-256 are in artifacts lineage " + manifest.getId()
          + "); the same id means the same files and parameters");
    }
    if (sources && sourceDir == null) {
      throw new BadInputException(manifest.getId() + " was prepared from raw files that are not in the store ("
          + names(manifest) + "): pass --source DIR, a directory holding them (their SHA-256 are in"
          + " artifacts lineage " + manifest.getId() + ")");
    }
    if (!sources && sourceDir != null) {
      throw BadInputException.inParameter("--source", sourceDir, manifest.getId() + " read no raw files");
    }
    Set<String> configFields = ConfigFields.names(PrepareConfig.getDescriptor());
    Set<String> datasetOptions = PrepareRunner.optionNames(base);
    for (String key : Set.copyOf(params.keySet())) {
      if (!configFields.contains(key)) {
        if (!datasetOptions.contains(key)) {
          throw new BadInputException(manifest.getId() + " records the parameter '" + key + "', which prepare " + base
              + " does not take in this code; it cannot be reproduced here");
        }
        options.put(key, params.remove(key));
      }
    }
    if (!params.containsKey(PrepareRunner.DATASET)) {
      options.put(PrepareRunner.DATASET, base);
    }
    if (sourceDir != null) {
      options.put(PrepareRunner.SOURCE, sourceDir.toString());
    }
  }

  private static String names(ArtifactManifest manifest) {
    return manifest.getSourcesList().stream().map(SourceFile::getName).collect(Collectors.joining(", "));
  }

  /** The call of the stage on {@code store}. */
  StageCall call(ArtifactStore store) {
    return new StageCall(store, params, inputs, options, CachePolicy.REUSE);
  }

  StageRunner stageRunner() {
    return StageRunners.get(runner);
  }
}
