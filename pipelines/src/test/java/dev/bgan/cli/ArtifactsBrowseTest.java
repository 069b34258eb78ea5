package dev.bgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bgan.artifact.ArtifactSpec;
import dev.bgan.artifact.ArtifactStore;
import dev.bgan.artifact.CachePolicy;
import dev.bgan.common.ProtoJson;
import dev.bgan.proto.EvaluationMetrics;
import dev.bgan.proto.MetricsSummary;
import dev.bgan.proto.ModelSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Browsing the store (issue 16, item 9): list as a table with a kind filter, key parameters and
 * headline metrics; show; diff; unique id prefixes; a missing store left uncreated; exit codes.
 */
class ArtifactsBrowseTest {
  @TempDir Path tmp;
  Path store;
  String seed1;
  String seed2;

  @BeforeEach
  void twoSeeds() throws IOException {
    store = tmp.resolve("store");
    seed1 = metrics(Map.of("numz", "2", "random_seed", "1"), 0.9);
    seed2 = metrics(Map.of("numz", "2", "random_seed", "2"), 0.8);
  }

  /** A metrics artifact as evaluate writes one: metrics.json and the manifest's headline values. */
  private String metrics(Map<String, String> trainParams, double accuracy) throws IOException {
    ArtifactStore artifacts = ArtifactStore.open(store);
    var model = artifacts.produce(ArtifactSpec.of("model", "train", 1, trainParams), CachePolicy.REUSE, draft -> {});
    return artifacts.produce(ArtifactSpec.of("metrics", "evaluate", 1, Map.of("burn_in", "0.5"))
        .withInput("model", model.artifact()), CachePolicy.REUSE, draft -> {
          ProtoJson.write(draft.dir().resolve("metrics.json"), EvaluationMetrics.newBuilder()
              .setSemiSupervisedAccuracy(accuracy).setTestCount(10).build());
          draft.manifest().setMetrics(MetricsSummary.newBuilder().putValues("semi_supervised_accuracy", accuracy));
        }).artifact().id();
  }

  private CliRun bgan(String... args) {
    String[] all = java.util.Arrays.copyOf(args, args.length + 2);
    all[args.length] = "--store";
    all[args.length + 1] = store.toString();
    return CliRun.of(all);
  }

  private String model(String metricsId) {
    return ArtifactStore.open(store).find(metricsId).orElseThrow().manifest().getInputs(0).getId();
  }

  @Test
  void listIsATableFilteredByKindWithKeyParams() {
    List<String> lines = bgan("artifacts", "list", "--params").expectSuccess().out().lines().toList();
    assertTrue(lines.get(0).matches("ID +KIND +STAGE +CREATED \\(UTC\\) +WALL +PARAMS"), lines.get(0));
    assertEquals(5, lines.size(), String.join("\n", lines)); // header, 2 models, 2 metrics
    String modelRow = lines.stream().filter(l -> l.startsWith(model(seed2))).findFirst().orElseThrow();
    assertTrue(modelRow.matches(".*model +train v1 +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d +\\d+\\.\\d s +numz=2 random_seed=2"),
        modelRow);

    List<String> models = bgan("artifacts", "list", "--kind", "model").expectSuccess().out().lines().toList();
    assertEquals(3, models.size(), String.join("\n", models));
    assertTrue(models.stream().skip(1).allMatch(l -> l.startsWith("model-")), String.join("\n", models));

    CliRun badKind = bgan("artifacts", "list", "--kind", "modle");
    assertEquals(2, badKind.exitCode());
    assertTrue(badKind.err().contains("--kind: must be one of dataset, model, metrics"), badKind.err());
  }

  @Test
  void listShowsHeadlineMetrics() {
    String out = bgan("artifacts", "list", "--kind", "metrics", "--metrics").expectSuccess().out();
    assertTrue(out.lines().anyMatch(l -> l.startsWith(seed1) && l.endsWith("semi_supervised_accuracy=0.9000")), out);
    assertTrue(out.lines().anyMatch(l -> l.startsWith(seed2) && l.endsWith("semi_supervised_accuracy=0.8000")), out);
  }

  @Test
  void idPrefixesNameTheirArtifactEverywhereAndAmbiguityListsTheCandidates() {
    String hex1 = seed1.substring("metrics-".length());
    String unique = uniquePrefix(seed1, seed2);
    assertTrue(bgan("artifacts", "show", unique).expectSuccess().out().startsWith("id           " + seed1), unique);
    assertTrue(bgan("artifacts", "show", hex1.substring(0, 10)).expectSuccess().out().contains(seed1));
    assertTrue(bgan("artifacts", "lineage", unique).expectSuccess().out().startsWith(seed1));
    assertTrue(bgan("artifacts", "verify", unique).expectSuccess().out().contains("1 verified, 0 failed"));
    // check (and every stage command) takes prefixes too
    CliRun check = bgan("check", "--baseline", baseline(), "--metrics-ids", unique);
    assertTrue(check.out().contains("1 metrics artifact(s)"), check.out() + check.err());

    CliRun ambiguous = bgan("artifacts", "show", "metrics-");
    assertEquals(2, ambiguous.exitCode());
    assertEquals(1, ambiguous.err().lines().count(), ambiguous.err());
    assertTrue(ambiguous.err().startsWith("error: 'metrics-' is ambiguous: it starts 2 artifact ids: "), ambiguous.err());
    assertTrue(ambiguous.err().contains(seed1) && ambiguous.err().contains(seed2), ambiguous.err());

    CliRun none = bgan("artifacts", "show", "model-ffff");
    assertEquals(2, none.exitCode());
    assertTrue(none.err().contains("'model-ffff' is not an artifact id nor the start of one"), none.err());
  }

  private String baseline() {
    try {
      Path file = tmp.resolve("baseline.json");
      Files.writeString(file, "{\"metrics\": [{\"metric\": \"semi_supervised_accuracy\", \"expected\": 0.9, \"absolute\": 0.01}]}");
      return file.toString();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String uniquePrefix(String id, String other) {
    int n = "metrics-".length() + 1;
    while (other.startsWith(id.substring(0, n))) {
      n++;
    }
    return id.substring(0, n);
  }

  @Test
  void showSummarisesTheManifest() {
    String out = bgan("artifacts", "show", seed1).expectSuccess().out();
    for (String expected : List.of("kind         metrics", "stage        evaluate v1", "environment  ", "inputs:",
        "  model  " + model(seed1) + "  model", "params:", "  burn_in  0.5", "files:", "  metrics.json  ",
        "summary:", "  semi_supervised_accuracy  0.9000")) {
      assertTrue(out.contains(expected), expected + "\n" + out);
    }
  }

  @Test
  void showSaysWhichSamplerMovedAModelsWeights() throws IOException {
    ArtifactStore artifacts = ArtifactStore.open(store);
    String warmupOnly = artifacts.produce(ArtifactSpec.of("model", "train", 3, Map.of("optimizer", "sgd",
        "train_iter", "300", "adam_warmup", "5000")), CachePolicy.REUSE,
        draft -> draft.manifest().setModel(ModelSummary.newBuilder().setIterations(300))).artifact().id();
    String sghmc = artifacts.produce(ArtifactSpec.of("model", "train", 3, Map.of("optimizer", "sghmc",
        "train_iter", "300", "adam_warmup", "100")), CachePolicy.REUSE,
        draft -> draft.manifest().setModel(ModelSummary.newBuilder().setIterations(300))).artifact().id();
    assertTrue(bgan("artifacts", "show", warmupOnly).expectSuccess().out()
        .contains("  sampler                Adam warm-up + noise (all 300)\n"), warmupOnly);
    String out = bgan("artifacts", "show", sghmc).expectSuccess().out();
    assertTrue(out.contains("  sampler                Adam warm-up 100, then sghmc + noise\n"), out);
  }

  @Test
  void diffSetsParamsAndMetricsSideBySideAndMarksChanges() {
    String out = bgan("artifacts", "diff", model(seed1), model(seed2)).expectSuccess().out();
    assertTrue(out.lines().anyMatch(l -> l.matches("\\*  param random_seed +1 +2")), out);
    assertTrue(out.lines().anyMatch(l -> l.matches(" {3}param numz +2 +2")), out);
    assertTrue(out.lines().anyMatch(l -> l.matches(" {3}wall .*")), "wall time shown, never marked\n" + out);
    assertTrue(out.endsWith("1 differs\n"), out);

    String metrics = bgan("artifacts", "diff", seed1, seed2, "--changed").expectSuccess().out();
    assertTrue(metrics.lines().anyMatch(l -> l.matches("\\*  input model +model-\\S+ +model-\\S+")), metrics);
    assertTrue(metrics.lines().anyMatch(l -> l.matches("\\*  metric semi_supervised_accuracy +0\\.9000 +0\\.8000")), metrics);
    assertFalse(metrics.contains("burn_in"), "--changed leaves out what is equal\n" + metrics);
  }

  @Test
  void readingAMissingStoreCreatesNothingAndIsAUserError() {
    Path missing = tmp.resolve("no-store");
    for (List<String> command : List.of(List.of("artifacts", "list"), List.of("artifacts", "verify"),
        List.of("artifacts", "show", "model-"), List.of("artifacts", "gc"), List.of("artifacts", "lineage", "x"))) {
      List<String> args = new java.util.ArrayList<>(command);
      args.addAll(List.of("--store", missing.toString()));
      CliRun run = CliRun.of(args.toArray(String[]::new));
      assertEquals(2, run.exitCode(), command + ": " + run.err());
      assertTrue(run.err().startsWith("error: " + missing + ": no artifact store there"), run.err());
      assertFalse(Files.exists(missing), command + " created the store");
    }
  }

  @Test
  void exitCodesAreOnePerKindOfOutcome() throws IOException {
    assertEquals(2, bgan("artifacts", "verify", "metrics-0000000000000000").exitCode(), "an unknown id is a user error");
    assertEquals(2, bgan("artifacts", "nosuch").exitCode(), "a bad command line");
    // a corrupt artifact: verify answers no (1)
    Files.writeString(store.resolve(seed1).resolve("metrics.json"), "{}");
    assertEquals(1, bgan("artifacts", "verify").exitCode());
    // a bug: 3, with its stack trace (not 1, which says "checked, and the answer is no")
    picocli.CommandLine cmd = Bgan.commandLine();
    cmd.addSubcommand("boom", new picocli.CommandLine(new Boom()));
    java.io.StringWriter err = new java.io.StringWriter();
    cmd.setErr(new java.io.PrintWriter(err, true));
    assertEquals(Bgan.EXIT_INTERNAL_ERROR, cmd.execute("boom"));
    assertTrue(err.toString().contains("IllegalStateException: a bug") && err.toString().contains("error: internal error"),
        err.toString());
  }

  @picocli.CommandLine.Command(name = "boom")
  static final class Boom implements java.util.concurrent.Callable<Integer> {
    @Override
    public Integer call() {
      throw new IllegalStateException("a bug");
    }
  }
}
