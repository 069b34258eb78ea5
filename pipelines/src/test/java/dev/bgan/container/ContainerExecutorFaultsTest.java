package dev.bgan.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bgan.artifact.ArtifactStore;
import dev.bgan.cli.CliRun;
import dev.bgan.pipelines.sweep.StageInvocation;
import dev.bgan.testing.StoreAssertions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the container executor does before any container starts, so without an engine: which
 * stages it takes (the run's default, a stage's own {@code executor:}), the one-line error of a
 * missing engine, and the stage command it would run.
 */
class ContainerExecutorFaultsTest {
  private static final String WORKFLOW = """
      name: tiny
      stages:
        prepare:
          run: prepare
          options: {dataset: synthetic, num_points: "64", num_clusters: "2", x_dim: "2"}
        train:
          run: train
          executor: %s
          inputs: {data: prepare}
          params: {arch: fc, numz: 1, num_mcmc: 1, z_dim: 2, gf_dim: 4, df_dim: 4, train_iter: 2, n_save: 1}
      """;

  @TempDir Path tmp;

  @Test
  void aMissingEngineIsOneLineNamingTheStageAndImageAndTheStageExecutorOverridesTheDefault() throws IOException {
    Path workflow = Files.writeString(tmp.resolve("tiny.yaml"), WORKFLOW.formatted("container"));
    Path store = tmp.resolve("store");
    String engine = tmp.resolve("no-such-engine").toString();
    String previous = System.setProperty(ContainerEngine.PROPERTY, engine);
    CliRun run;
    try {
      // The default is the launcher's JVM: prepare runs there, train (executor: container) needs the engine.
      run = CliRun.of("run", workflow.toString(), "--store", store.toString(), "--image-tag", "t1");
    } finally {
      if (previous == null) {
        System.clearProperty(ContainerEngine.PROPERTY);
      } else {
        System.setProperty(ContainerEngine.PROPERTY, previous);
      }
    }
    assertEquals(2, run.exitCode(), run.err());
    assertTrue(run.err().strip().startsWith("error: stage train (image bgan-train:t1): no container engine: cannot run "
        + engine + " ("), run.err());
    assertTrue(run.err().strip().endsWith("(start dockerd, or run the stage with --executor process)"), run.err());
    ArtifactStore artifacts = ArtifactStore.open(store);
    assertEquals(List.of("dataset"), artifacts.list().stream().map(a -> a.manifest().getKind()).toList());
    assertEquals("", artifacts.list().get(0).manifest().getEnvironment().getContainerImage());
  }

  @Test
  void anUnknownExecutorIsRefusedBeforeAnythingRuns() throws IOException {
    Path workflow = Files.writeString(tmp.resolve("tiny.yaml"), WORKFLOW.formatted("kubernetes"));
    Path store = tmp.resolve("store");
    CliRun run = CliRun.of("run", workflow.toString(), "--store", store.toString());
    assertEquals(2, run.exitCode());
    assertEquals("error: " + workflow + ": stage train: executor: 'kubernetes' is not one of process, container",
        run.err().strip());
    CliRun option = CliRun.of("run", tmp.resolve("tiny.yaml").toString(), "--store", store.toString(), "--executor", "vm");
    assertEquals(2, option.exitCode());
    StoreAssertions.assertNothingPublished(ArtifactStore.open(store));
  }

  @Test
  void theStageCommandIsTheSweepWorkersWithTheDatasetAsPrepareSubcommand() {
    StageInvocation prepare = new StageInvocation("prepare", "prepare", Map.of("num_shards", "2"),
        Map.of("dataset", "npy", "train-x", "x.npy"), Map.of());
    assertEquals(List.of("prepare", "npy", "--store", "/s", "--train-x", "x.npy", "--num_shards", "2", "--force"),
        prepare.arguments(Path.of("/s"), Map.of(), true));
    StageInvocation train = new StageInvocation("t", "train", Map.of("numz", "1"), Map.of(), Map.of());
    assertEquals(List.of("train", "--store", "/s", "--data", "dataset-0123456789abcdef", "--numz", "1"),
        train.arguments(Path.of("/s"), Map.of("data", List.of("dataset-0123456789abcdef")), false));
  }
}
