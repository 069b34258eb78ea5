package dev.bgan.pipelines.sweep;

import dev.bgan.workflow.InputReferences;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.transforms.DoFn;

/**
 * The worker's part of a sweep: runs one run's stages in order, each as a child JVM publishing into
 * the shared store, and writes the run's {@link SweepOutcome}. A failing stage ends its run, not
 * the pipeline: the failure is recorded and the element emitted like any other, so no run is lost.
 * Once a stage is computed, the stages after it are forced, as in a workflow run: a recomputed
 * artifact keeps its id, so the cache alone would serve their old outputs.
 */
final class RunSweepElement extends DoFn<SweepRun, String> {
  private static final long serialVersionUID = 1L;

  private final WorkerJvm jvm;
  private final String store;
  private final String outcomeDir;
  private final String logDir;

  RunSweepElement(WorkerJvm jvm, Path store, Path outcomeDir, Path logDir) {
    this.jvm = jvm;
    // Paths are not serializable; workers resolve them on their own (shared) file system.
    this.store = store.toString();
    this.outcomeDir = outcomeDir.toString();
    this.logDir = logDir.toString();
  }

  @ProcessElement
  public void process(@Element SweepRun run, OutputReceiver<String> out) {
    SweepOutcome outcome = execute(run);
    try {
      outcome.write(Path.of(outcomeDir));
    } catch (IOException e) {
      // Without its outcome file the driver would count the run as lost: fail loudly (Beam retries).
      throw new UncheckedIOException("cannot write the outcome of sweep run " + run.key() + " into " + outcomeDir, e);
    }
    out.output(run.key());
  }

  private SweepOutcome execute(SweepRun run) {
    long start = System.nanoTime();
    Map<String, String> ids = new LinkedHashMap<>();
    boolean computed = false;
    for (StageInvocation stage : run.stages()) {
      Map<String, List<String>> inputs = InputReferences.resolve(stage.inputs(), ids);
      StageProcess.Result result;
      try {
        result = StageProcess.run(jvm, Path.of(store), run.key(), stage, inputs, computed, Path.of(logDir));
      } catch (IOException e) {
        return failed(run, ids, stage, -1, "cannot start the stage process: " + e.getMessage(), "", start);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return failed(run, ids, stage, -1, "interrupted", "", start);
      }
      if (!result.ok()) {
        return failed(run, ids, stage, result.exitCode(), result.errorLine(), result.errorLog().toString(), start);
      }
      ids.put(stage.step(), result.artifactId());
      computed |= result.computed();
    }
    return new SweepOutcome(run.key(), computed ? SweepOutcome.Status.COMPUTED : SweepOutcome.Status.CACHED, ids,
        "", 0, "", "", seconds(start));
  }

  private static SweepOutcome failed(SweepRun run, Map<String, String> ids, StageInvocation stage, int exit,
      String error, String log, long start) {
    return new SweepOutcome(run.key(), SweepOutcome.Status.FAILED, ids, stage.step(), exit, error, log, seconds(start));
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
