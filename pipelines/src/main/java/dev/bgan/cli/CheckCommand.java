package dev.bgan.cli;

import dev.bgan.artifact.Artifact;
import dev.bgan.artifact.ArtifactStore;
import dev.bgan.common.BadInputException;
import dev.bgan.common.ProtoJson;
import dev.bgan.evaluate.EvaluateStage;
import dev.bgan.proto.EvaluationMetrics;
import dev.bgan.proto.InputRef;
import dev.bgan.proto.RegressionBaseline;
import dev.bgan.report.RegressionCheck;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code bgan check}: the regression gate. Exit 0 when every metric is within tolerance, 1 on a
 * regression, 2 on bad input (a malformed baseline, metrics artifacts of different configurations).
 */
@Command(name = "check", mixinStandardHelpOptions = true,
    description = "Compare metrics artifacts (one configuration, one or more seeds) with a baseline's expected values;"
        + " exit 1 on a regression.")
final class CheckCommand implements Callable<Integer> {
  /** Seeds are what several runs of one configuration may differ in. */
  private static final String SEED = "random_seed";

  @Spec CommandSpec spec;

  @Option(names = "--baseline", required = true, paramLabel = "FILE.json", description = "expected metrics and tolerances")
  Path baselineFile;

  @Option(names = {StageCommand.METRICS_IDS, "--metrics"}, required = true, arity = "1..*", paramLabel = "ID",
      description = "metrics artifacts of one configuration (several seeds for tolerances in stds); --metrics is"
          + " its deprecated spelling")
  List<String> metricsIds = new ArrayList<>();

  @Mixin StoreOption store;

  @Override
  public Integer call() throws Exception {
    OptionSpelling.warnIfUsed(spec.commandLine(), "--metrics", StageCommand.METRICS_IDS,
        "in evaluate, --metrics names the metrics to compute");
    RegressionBaseline baseline = RegressionCheck.readBaseline(baselineFile);
    ArtifactStore artifacts = store.openExisting();
    List<EvaluationMetrics> runs = new ArrayList<>();
    Map<String, String> firstConfig = null;
    for (String given : metricsIds) {
      String id = artifacts.resolve(given);
      Artifact metrics = artifacts.require(id, "metrics");
      Map<String, String> config = configuration(artifacts, metrics);
      if (firstConfig == null) {
        firstConfig = config;
      } else if (!firstConfig.equals(config)) {
        throw new BadInputException("metrics artifacts " + metricsIds.get(0) + " and " + id
            + " are not of one configuration (they differ in more than the training seed)");
      }
      runs.add(ProtoJson.read(metrics.file(EvaluateStage.METRICS_FILE), EvaluationMetrics.newBuilder()).build());
    }
    RegressionCheck.Result result = RegressionCheck.check(baselineFile, baseline, runs);
    PrintWriter out = spec.commandLine().getOut();
    out.printf("baseline %s: %d metrics, %d metrics artifact(s)%n", baselineFile, baseline.getMetricsCount(), runs.size());
    out.print(result.table());
    out.flush();
    return result.passed() ? 0 : 1;
  }

  /** The evaluation's parameters and its model's training parameters but the seed. */
  private static Map<String, String> configuration(ArtifactStore artifacts, Artifact metrics) {
    Map<String, String> config = new TreeMap<>();
    metrics.manifest().getParamsMap().forEach((k, v) -> config.put("evaluate." + k, v));
    for (InputRef input : metrics.manifest().getInputsList()) {
      artifacts.require(input.getId(), null).manifest().getParamsMap().forEach((k, v) -> {
        if (!k.equals(SEED)) {
          config.put(input.getRole() + "." + k, v);
        }
      });
    }
    return config;
  }
}
