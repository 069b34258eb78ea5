package dev.bgan.report;

import dev.bgan.artifact.Artifact;
import dev.bgan.common.ConfigFields;
import dev.bgan.evaluate.EvaluateStage;
import dev.bgan.train.TrainConfigs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The parameters of a run that differ from the defaults of the train and evaluate stages, as
 * {@code --set STAGE.KEY=VALUE} words for {@code bgan run} (stages named train and evaluate, as in
 * the shipped workflows): with the run's dataset they say how to make it again. Read from the
 * manifests, so a run made by hand, by a workflow or by a sweep reads the same.
 */
final class NonDefaultParameters {
  private static final Map<String, String> TRAIN_DEFAULTS =
      ConfigFields.canonical(TrainConfigs.normalized(TrainConfigs.defaults().build()));
  private static final Map<String, String> EVALUATE_DEFAULTS = ConfigFields.canonical(EvaluateStage.defaults().build());

  private NonDefaultParameters() {}

  /** {@code --set train.N=100 --set train.lr=0.002 ...}, train's parameters then evaluate's, each sorted by name. */
  static List<String> of(EvaluatedModel row) {
    List<String> words = new ArrayList<>();
    add(words, "train", row.model(), TRAIN_DEFAULTS);
    add(words, "evaluate", row.metrics(), EVALUATE_DEFAULTS);
    return words;
  }

  private static void add(List<String> words, String stage, Artifact artifact, Map<String, String> defaults) {
    // The manifest's map is sorted by key (protobuf's binary order), which keeps the page stable.
    new java.util.TreeMap<>(artifact.manifest().getParamsMap()).forEach((key, value) -> {
      if (!value.equals(defaults.get(key))) {
        words.add("--set " + stage + "." + key + "=" + value);
      }
    });
  }
}
