package dev.bgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bgan.artifact.ArtifactStore;
import dev.bgan.common.FileTrees;
import dev.bgan.proto.ArtifactManifest;
import dev.bgan.testing.RealMnist;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bgan run} reruns exactly what changed, on real MNIST with a tiny model: {@code --dry-run}
 * says so from ids alone before anything runs, and the run's ids and timings confirm it.
 */
@Tag("real-data")
class WorkflowRerunTest {
  @TempDir static Path tmp;
  static Path workflow;
  /** A store holding MNIST prepared once; each test starts from a copy of it. */
  static Path prepared;

  @BeforeAll
  static void writeWorkflow() throws IOException {
    workflow = tmp.resolve("tiny.yaml");
    Files.writeString(workflow, String.join("\n",
        "name: tiny",
        "stages:",
        "  prepare: {run: prepare, options: {dataset: mnist, source: '" + RealMnist.dir() + "'}}",
        "  train:",
        "    run: train",
        "    inputs: {data: prepare}",
        "    params: {semi_supervised: true, N: 20, numz: 1, num_mcmc: 1, train_iter: 2, n_save: 1,"
            + " gf_dim: 4, df_dim: 4, log_test_size: 20}",
        "  evaluate: {run: evaluate, inputs: {model: train}, params: {grid_side: 2}}",
        "  report: {run: report, inputs: {metrics: [evaluate]}}",
        ""));
    prepared = tmp.resolve("prepared");
    run(prepared, "--only", "prepare");
  }

  static Path storeWithMnist(String name) throws IOException {
    Path store = tmp.resolve(name);
    try (var files = Files.walk(prepared)) {
      for (Path file : files.toList()) {
        Path target = store.resolve(prepared.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
    return store;
  }

  /** One line of {@code bgan run}'s table: id, what happened, seconds (0 for a dry run). */
  record Line(String id, String status, double seconds) {}

  static Map<String, Line> table(CliRun run) {
    Map<String, Line> lines = new LinkedHashMap<>();
    for (String line : run.out().lines().toList()) {
      var m = java.util.regex.Pattern.compile("^(\\w+)\\s+(\\w+-[0-9a-f]{16})\\s+(.*?)(?:\\s+([0-9.]+) s)?$").matcher(line);
      if (m.matches()) {
        lines.put(m.group(1), new Line(m.group(2), m.group(3).trim(), m.group(4) == null ? 0 : Double.parseDouble(m.group(4))));
      }
    }
    return lines;
  }

  static CliRun run(Path store, String... args) {
    List<String> all = new java.util.ArrayList<>(List.of("run", workflow.toString(), "--store", store.toString()));
    all.addAll(List.of(args));
    return CliRun.of(all.toArray(String[]::new)).expectSuccess();
  }

  static long createdMs(Path store, String id) {
    return ArtifactStore.open(store).require(id, null).manifest().getTiming().getCreatedUnixMs();
  }

  @Test
  void changedEvaluateParameterRerunsEvaluateAndReportOnly() throws IOException {
    Path store = storeWithMnist("evaluate-param");
    Map<String, Line> first = table(run(store));
    assertEquals(List.of("cached", "computed", "computed", "computed"),
        first.values().stream().map(Line::status).toList(), first.toString());

    CliRun dry = run(store, "--dry-run", "--set", "evaluate.burn_in=0.3");
    Map<String, Line> plan = table(dry);
    assertEquals("cached", plan.get("prepare").status(), dry.out());
    assertEquals("cached", plan.get("train").status(), dry.out());
    assertEquals("would run (not in store)", plan.get("evaluate").status(), dry.out());
    assertEquals("would run (not in store)", plan.get("report").status(), "a new report id is simply not stored yet: " + dry.out());
    assertEquals(first.get("train").id(), plan.get("train").id());
    assertNotEquals(first.get("evaluate").id(), plan.get("evaluate").id());
    assertEquals(plan.get("report").id(), dry.lastLine(), "a dry run prints the last stage's id last");
    assertEquals(4, ArtifactStore.open(store).list().size(), "a dry run writes nothing");

    long trainCreated = createdMs(store, first.get("train").id());
    Map<String, Line> second = table(run(store, "--set", "evaluate.burn_in=0.3"));
    assertEquals(List.of("cached", "cached", "computed", "computed"),
        second.values().stream().map(Line::status).toList(), second.toString());
    for (String stage : List.of("prepare", "train", "evaluate", "report")) {
      assertEquals(plan.get(stage).id(), second.get(stage).id(), "the dry run predicted " + stage + "'s id");
    }
    assertEquals(trainCreated, createdMs(store, first.get("train").id()), "the model was not rewritten");
    assertTrue(second.get("train").seconds() < first.get("train").seconds(),
        "reusing the model is faster than training it: " + first + " vs " + second);
  }

  @Test
  void deletedMidDagArtifactRecomputesItAndItsDownstreamOnly() throws IOException {
    Path store = storeWithMnist("deleted");
    Map<String, Line> first = table(run(store));
    String model = first.get("train").id();
    long prepared = createdMs(store, first.get("prepare").id());
    long evaluated = createdMs(store, first.get("evaluate").id());
    FileTrees.deleteRecursively(store.resolve(model));

    Map<String, Line> plan = table(run(store, "--dry-run"));
    assertEquals(List.of("cached", "would run (not in store)", "would run again (an upstream stage runs)",
        "would run again (an upstream stage runs)"),
        plan.values().stream().map(Line::status).toList(), plan.toString());
    Map<String, Line> second = table(run(store));
    assertEquals(List.of("cached", "computed", "computed", "computed"),
        second.values().stream().map(Line::status).toList(), second.toString());
    assertEquals(model, second.get("train").id(), "same parameters and inputs, same id");
    assertEquals(prepared, createdMs(store, first.get("prepare").id()), "the dataset was not rewritten");
    assertTrue(createdMs(store, first.get("evaluate").id()) > evaluated, "the metrics were rewritten");
    assertTrue(ArtifactStore.open(store).verify(model).ok());
  }

  @Test
  void fromRerunsAStageAndDownstreamAndInputRunsAStageOnAnOlderModel() throws IOException {
    Path store = storeWithMnist("from");
    Map<String, Line> first = table(run(store));

    Map<String, Line> plan = table(run(store, "--dry-run", "--from", "train"));
    assertEquals(List.of("cached", "would run (forced)", "would run again (an upstream stage runs)",
        "would run again (an upstream stage runs)"),
        plan.values().stream().map(Line::status).toList(), plan.toString());

    // A newer model (another seed), then the old one evaluated alone with a new setting by naming its id.
    Map<String, Line> newer = table(run(store, "--set", "train.random_seed=2"));
    assertNotEquals(first.get("train").id(), newer.get("train").id());
    CliRun alone = run(store, "--only", "evaluate", "--input", "evaluate.model=" + first.get("train").id(),
        "--set", "evaluate.grid_side=3", "--print-id", "evaluate");
    Map<String, Line> ran = table(alone);
    assertEquals(List.of("evaluate"), List.copyOf(ran.keySet()), "nothing upstream of a named input runs: " + alone.out());
    assertEquals("computed", ran.get("evaluate").status());
    ArtifactManifest metrics = ArtifactStore.open(store).require(alone.lastLine(), "metrics").manifest();
    assertEquals(first.get("train").id(), metrics.getInputs(0).getId(), "evaluated the older model");

    CliRun badRole = CliRun.of("run", workflow.toString(), "--store", store.toString(), "--input", "evaluate.data=" + first.get("train").id());
    assertEquals(2, badRole.exitCode(), badRole.err());
    assertTrue(badRole.err().contains("stage evaluate has no input 'data'"), badRole.err());
    CliRun missing = CliRun.of("run", workflow.toString(), "--store", store.toString(), "--from", "evaluate",
        "--set", "train.random_seed=3");
    assertEquals(2, missing.exitCode(), "--from needs its upstream cached: " + missing.out());
    assertTrue(missing.err().contains("has no cached artifact"), missing.err());
  }
}
