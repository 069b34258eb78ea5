package dev.bgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bgan.artifact.ArtifactSpec;
import dev.bgan.artifact.ArtifactStore;
import dev.bgan.artifact.CachePolicy;
import dev.bgan.common.ProtoJson;
import dev.bgan.proto.EvaluationMetrics;
import dev.bgan.testing.Python;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bgan check} on handcrafted metrics artifacts: passing, failing and malformed baselines. */
class CheckCommandTest {
  /** Semi-supervised accuracies of three seeds of one configuration. */
  static final double[] ACCURACY = {0.512, 0.547, 0.531};

  @TempDir Path tmp;
  Path store;
  String[] seeds;

  @BeforeEach
  void threeSeeds() throws IOException {
    store = tmp.resolve("store");
    seeds = new String[ACCURACY.length];
    for (int i = 0; i < ACCURACY.length; i++) {
      seeds[i] = metrics(store, Map.of("lr", "0.001", "random_seed", String.valueOf(i + 1)), EvaluationMetrics.newBuilder()
          .setSemiSupervisedAccuracy(ACCURACY[i]).setSupervisedAccuracy(0.40).setFractionPredictedFake(0.01 * i)
          .setTestCount(10000).build());
    }
  }

  /** A metrics artifact of {@code metrics} evaluating a (payload-less) model of {@code trainParams}. */
  static String metrics(Path storeDir, Map<String, String> trainParams, EvaluationMetrics metrics) throws IOException {
    ArtifactStore artifacts = ArtifactStore.open(storeDir);
    var model = artifacts.produce(ArtifactSpec.of("model", "train", 1, trainParams), CachePolicy.REUSE, draft -> {});
    var produced = artifacts.produce(ArtifactSpec.of("metrics", "evaluate", 1, Map.of("burn_in", "0.5"))
        .withInput("model", model.artifact()), CachePolicy.REUSE,
        draft -> ProtoJson.write(draft.dir().resolve("metrics.json"), metrics));
    return produced.artifact().id();
  }

  Path baseline(String json) throws IOException {
    Path file = tmp.resolve("baseline.json");
    Files.writeString(file, json);
    return file;
  }

  CliRun check(Path baseline, String... ids) {
    List<String> args = new java.util.ArrayList<>(List.of("check", "--baseline", baseline.toString(), "--store", store.toString(), "--metrics-ids"));
    args.addAll(List.of(ids));
    return CliRun.of(args.toArray(String[]::new));
  }

  static Optional<String> row(CliRun run, String metric) {
    return run.out().lines().filter(l -> l.startsWith(metric + " ")).findFirst();
  }

  @Test
  void meanAndStdOverSeedsWithinToleranceAndTheirValuesMatchNumpy() throws IOException {
    String reference = Python.run(List.of("numpy"), String.join("\n",
        "import sys, numpy as np",
        "a = np.array([float(x) for x in sys.argv[1:]])",
        "print('%.4f %.4f' % (a.mean(), a.std(ddof=1)))"),
        java.util.Arrays.stream(ACCURACY).mapToObj(String::valueOf).toArray(String[]::new)).trim().replace(" ", " ± ");
    Path file = baseline("""
        {"description": "three seeds", "metrics": [
          {"metric": "semi_supervised_accuracy", "expected": 0.54, "stds": 1.0},
          {"metric": "supervised_accuracy", "expected": 0.41, "absolute": 0.02},
          {"metric": "fraction_predicted_fake", "expected": 0.0, "absolute": 0.05}]}
        """);
    CliRun run = check(file, seeds);
    assertEquals(0, run.exitCode(), run.out() + run.err());
    String accuracy = row(run, "semi_supervised_accuracy").orElseThrow();
    assertTrue(accuracy.contains(reference + " (n=3)"), accuracy + " vs numpy " + reference);
    assertTrue(accuracy.endsWith("pass"), accuracy);
    assertTrue(run.out().contains("check: 3 passed, 0 failed"), run.out());
  }

  @Test
  void aRegressionFailsWithExitOneAndATable() throws IOException {
    // mean 0.53, std 0.0175: 0.56 is 1.7 std away.
    Path file = baseline("""
        {"metrics": [
          {"metric": "semi_supervised_accuracy", "expected": 0.56, "stds": 1.0},
          {"metric": "supervised_accuracy", "expected": 0.40, "absolute": 0.001}]}
        """);
    CliRun run = check(file, seeds);
    assertEquals(1, run.exitCode(), run.out() + run.err());
    assertTrue(row(run, "semi_supervised_accuracy").orElseThrow().endsWith("FAIL"), run.out());
    assertTrue(row(run, "supervised_accuracy").orElseThrow().endsWith("pass"), run.out());
    assertTrue(run.out().lines().anyMatch(l -> l.matches("metric\\s+expected\\s+tolerance\\s+actual\\s+result")), run.out());
    assertTrue(run.out().contains("check: 1 passed, 1 failed"), run.out());
    // An absolute tolerance on one artifact compares its value alone.
    CliRun one = check(baseline("{\"metrics\": [{\"metric\": \"semi_supervised_accuracy\", \"expected\": 0.5, \"absolute\": 0.01}]}"),
        seeds[0]);
    assertEquals(1, one.exitCode(), one.out());
    assertTrue(row(one, "semi_supervised_accuracy").orElseThrow().contains("0.5120"), one.out());
  }

  @Test
  void malformedBaselinesAndMixedConfigurationsAreBadInput() throws IOException {
    Map<String, String> bad = Map.of(
        "{\"metrics\": [", "not a valid RegressionBaseline",
        "{\"metrics\": []}", "names no metrics",
        "{\"metrics\": [{\"metric\": \"accuracy\", \"expected\": 0.5, \"absolute\": 0.1}]}", "unknown metric 'accuracy'",
        "{\"metrics\": [{\"metric\": \"supervised_accuracy\", \"expected\": 0.5}]}", "has no tolerance",
        "{\"metrics\": [{\"metric\": \"supervised_accuracy\", \"expected\": 0.5, \"absolute\": -1}]}", "has tolerance -1.0",
        "{\"metrics\": [{\"metric\": \"supervised_accuracy\", \"expected\": 0.5, \"absolut\": 1}]}", "not a valid RegressionBaseline",
        "{\"metrics\": [{\"metric\": \"supervised_accuracy\", \"expected\": 0.5, \"stds\": 2}]}", "needs at least two");
    for (Map.Entry<String, String> e : bad.entrySet()) {
      Path file = baseline(e.getKey());
      CliRun run = check(file, seeds[0]);
      assertEquals(2, run.exitCode(), e.getKey() + ": " + run.out() + run.err());
      assertEquals(1, run.err().lines().count(), run.err());
      assertTrue(run.err().contains(file.toString()) && run.err().contains(e.getValue()), e.getKey() + " -> " + run.err());
    }
    String otherLr = metrics(store, Map.of("lr", "0.1", "random_seed", "1"),
        EvaluationMetrics.newBuilder().setSemiSupervisedAccuracy(0.1).build());
    CliRun mixed = check(baseline("{\"metrics\": [{\"metric\": \"supervised_accuracy\", \"expected\": 0.4, \"absolute\": 1}]}"),
        seeds[0], otherLr);
    assertEquals(2, mixed.exitCode(), mixed.out());
    assertTrue(mixed.err().contains("not of one configuration"), mixed.err());
    CliRun missing = check(tmp.resolve("nosuch.json"), seeds[0]);
    assertEquals(2, missing.exitCode());
    assertTrue(missing.err().contains("nosuch.json"), missing.err());
  }
}
