package dev.bgan.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bgan.artifact.ArtifactStore;
import dev.bgan.common.BadInputException;
import dev.bgan.evaluate.EvaluateStage;
import dev.bgan.prepare.stage.PrepareDataset;
import dev.bgan.report.ReportStage;
import dev.bgan.train.TrainStage;
import dev.bgan.train.classifier.ClassifierStage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine finds the runners the stage modules register, each with its stage's version, and runs
 * a workflow's stages through its {@link StageExecutor} and nowhere else; a plan runs none.
 */
class StageRunnersTest {
  @TempDir Path tmp;

  @Test
  void everyStageModuleRegistersItsRunnerWithItsVersion() {
    assertEquals(List.of("evaluate", "prepare", "report", "train", "train-classifier"), StageRunners.names());
    assertEquals(Map.of("prepare", PrepareDataset.STAGE_VERSION, "train", TrainStage.VERSION,
            "train-classifier", ClassifierStage.VERSION, "evaluate", EvaluateStage.VERSION,
            "report", ReportStage.VERSION),
        Map.of("prepare", StageRunners.get("prepare").version(), "train", StageRunners.get("train").version(),
            "train-classifier", StageRunners.get("train-classifier").version(),
            "evaluate", StageRunners.get("evaluate").version(), "report", StageRunners.get("report").version()));
    BadInputException e = assertThrows(BadInputException.class, () -> StageRunners.get("evalute"));
    assertEquals("unknown stage 'evalute' (did you mean 'evaluate'?); known: evaluate, prepare, report, train,"
        + " train-classifier", e.getMessage());
  }

  @Test
  void aWorkflowsStagesRunThroughItsExecutorAndAPlanRunsNone() throws IOException {
    Path file = Files.writeString(tmp.resolve("points.yaml"), """
        name: points
        stages:
          data:
            run: prepare
            options:
              dataset: synthetic
              num_points: 40
              num_clusters: 2
              x_dim: 3
        """);
    ArtifactStore store = ArtifactStore.open(tmp.resolve("store"));
    List<String> executed = new ArrayList<>();
    StageExecutor recording = (runner, call) -> {
      executed.add(runner.name() + " " + call.options().get("dataset") + " " + call.policy());
      return StageExecutor.IN_PROCESS.execute(runner, call);
    };
    WorkflowRunner runner = new WorkflowRunner(store, recording);
    String planned = runner.plan(Workflow.read(file), WorkflowRunner.Request.all()).get(0).id();
    assertEquals(List.of(), executed);
    List<WorkflowRunner.StageResult> results = runner.run(Workflow.read(file), WorkflowRunner.Request.all());
    assertEquals(List.of("prepare synthetic REUSE"), executed);
    assertEquals(planned, results.get(0).produced().artifact().id());
    assertEquals("prepare/synthetic", store.require(planned, "dataset").manifest().getStage());
  }
}
