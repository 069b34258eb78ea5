package dev.bgan.workflow;

import dev.bgan.artifact.ArtifactStore;
import dev.bgan.common.BadInputException;
import dev.bgan.common.ConfigFields;
import dev.bgan.evaluate.EvaluateStage;
import dev.bgan.pipelines.prepare.PrepareRunner;
import dev.bgan.proto.EvaluateConfig;
import dev.bgan.proto.ReportConfig;
import dev.bgan.proto.TrainConfig;
import dev.bgan.report.ReportStage;
import dev.bgan.train.TrainConfigs;
import dev.bgan.train.TrainStage;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The stage runners by name: prepare, train, evaluate, report. */
public final class StageRunners {
  private static final Map<String, StageRunner> BY_NAME = Stream.of(
          new PrepareRunner(), new Train(), new Evaluate(), new Report())
      .collect(Collectors.toUnmodifiableMap(StageRunner::name, Function.identity()));

  private StageRunners() {}

  public static StageRunner get(String name) {
    StageRunner runner = BY_NAME.get(name);
    if (runner == null) {
      throw new BadInputException("unknown stage '" + name + "' (known: " + String.join(", ", BY_NAME.keySet().stream().sorted().toList()) + ")");
    }
    return runner;
  }

  static final class Train implements StageRunner {
    @Override
    public String name() {
      return "train";
    }

    @Override
    public List<String> inputRoles() {
      return List.of("data");
    }

    @Override
    public Set<String> optionNames() {
      return Set.of();
    }

    @Override
    public ArtifactStore.Produced run(StageCall call) throws IOException {
      TrainConfig.Builder config = TrainConfigs.defaults();
      ConfigFields.setAll(config, call.params());
      return new TrainStage().run(call.store(), call.singleInput("data"), config.build(), call.policy());
    }
  }

  static final class Evaluate implements StageRunner {
    @Override
    public String name() {
      return "evaluate";
    }

    @Override
    public List<String> inputRoles() {
      return List.of("model");
    }

    @Override
    public Set<String> optionNames() {
      return Set.of();
    }

    @Override
    public ArtifactStore.Produced run(StageCall call) throws IOException {
      EvaluateConfig.Builder config = EvaluateStage.defaults();
      ConfigFields.setAll(config, call.params());
      return new EvaluateStage().run(call.store(), call.singleInput("model"), config.build(), call.policy());
    }
  }

  static final class Report implements StageRunner {
    @Override
    public String name() {
      return "report";
    }

    @Override
    public List<String> inputRoles() {
      return List.of("metrics");
    }

    @Override
    public Set<String> optionNames() {
      return Set.of();
    }

    @Override
    public ArtifactStore.Produced run(StageCall call) throws IOException {
      ReportConfig.Builder config = ReportConfig.newBuilder();
      ConfigFields.setAll(config, call.params());
      return new ReportStage().run(call.store(), call.allInputs("metrics"), config.build(), call.policy());
    }
  }
}
