package dev.bgan.workflow;

import com.google.protobuf.Message;
import dev.bgan.artifact.ArtifactSpec;
import dev.bgan.artifact.ArtifactStore;
import dev.bgan.artifact.CachePolicy;
import dev.bgan.common.BadInputException;
import dev.bgan.common.ConfigFields;
import dev.bgan.evaluate.EvaluateStage;
import dev.bgan.pipelines.prepare.PrepareRunner;
import dev.bgan.proto.ReportConfig;
import dev.bgan.report.ReportStage;
import dev.bgan.train.TrainConfigs;
import dev.bgan.train.TrainStage;
import dev.bgan.train.classifier.ClassifierStage;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The stage runners by name: prepare, train, train-classifier, evaluate, report. */
public final class StageRunners {
  private static final Map<String, StageRunner> BY_NAME = Stream.of(
          new PrepareRunner(),
          new ConfigStageRunner<>("train", "model", "data", "dataset", false, TrainConfigs::defaults,
              (store, ids, config, policy) -> new TrainStage().run(store, ids.get(0), config.build(), policy),
              (ids, config) -> TrainStage.spec(ids.get(0), config.build())),
          new ConfigStageRunner<>(ClassifierStage.STAGE, ClassifierStage.KIND, "data", "dataset", false,
              ClassifierStage::defaults,
              (store, ids, config, policy) -> new ClassifierStage().run(store, ids.get(0), config.build(), policy),
              (ids, config) -> ClassifierStage.spec(ids.get(0), config.build())),
          new EvaluateRunner(),
          new ConfigStageRunner<>("report", ReportStage.KIND, "metrics", "metrics", true, ReportConfig::newBuilder,
              (store, ids, config, policy) -> new ReportStage().run(store, ids, config.build(), policy),
              (ids, config) -> ReportStage.spec(ids, config.build())))
      .collect(Collectors.toUnmodifiableMap(StageRunner::name, Function.identity()));

  private StageRunners() {}

  public static StageRunner get(String name) {
    StageRunner runner = BY_NAME.get(name);
    if (runner == null) {
      throw new BadInputException("unknown stage '" + name + "'" + dev.bgan.common.NearMisses.hint(name, BY_NAME.keySet())
          + "; known: " + String.join(", ", names()));
    }
    return runner;
  }

  /** The stage names workflows may use in {@code run:}, sorted. */
  public static List<String> names() {
    return BY_NAME.keySet().stream().sorted().toList();
  }

  /** Calls a stage with its config (defaults, then the call's params) and its input ids. */
  @FunctionalInterface
  interface Invocation<B extends Message.Builder> {
    ArtifactStore.Produced run(ArtifactStore store, List<String> inputIds, B config, CachePolicy policy)
        throws IOException;
  }

  /** The spec of the artifact a stage would make from its input ids and config. */
  @FunctionalInterface
  interface Planner<B extends Message.Builder> {
    ArtifactSpec spec(List<String> inputIds, B config);
  }

  /** A stage whose parameters are the fields of one config message and whose inputs have one role. */
  record ConfigStageRunner<B extends Message.Builder>(
      String name, String outputKind, String inputRole, String inputRoleKind, boolean manyInputs, Supplier<B> defaults,
      Invocation<B> invocation, Planner<B> planner)
      implements StageRunner {

    @Override
    public String inputKind(String role) {
      return inputRoleKind;
    }

    @Override
    public Set<String> parameterNames() {
      return ConfigFields.names(defaults.get().getDescriptorForType());
    }

    @Override
    public List<String> inputRoles() {
      return List.of(inputRole);
    }

    @Override
    public Set<String> optionNames() {
      return Set.of();
    }

    @Override
    public Set<String> repeatableInputs() {
      return manyInputs ? Set.of(inputRole) : Set.of();
    }

    @Override
    public ArtifactStore.Produced run(StageCall call) throws IOException {
      return invocation.run(call.store(), inputIds(call), config(call), call.policy());
    }

    @Override
    public String plannedId(StageCall call) {
      ArtifactSpec spec = planner.spec(inputIds(call), config(call));
      return spec.cacheKey().artifactId(spec.kind());
    }

    private B config(StageCall call) {
      B config = defaults.get();
      ConfigFields.setAll(config, call.params());
      return config;
    }

    private List<String> inputIds(StageCall call) {
      return manyInputs ? call.allInputs(inputRole) : List.of(call.singleInput(inputRole));
    }
  }
}
