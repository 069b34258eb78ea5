package dev.bgan.workflow;

import dev.bgan.artifact.ArtifactStore;
import dev.bgan.stage.StageCall;
import dev.bgan.stage.StageRunner;
import java.io.IOException;

/**
 * How the engine runs one stage call: the one place where a workflow's or a sweep report's stage is
 * started, so that another way to run it (in a container: {@code dev.bgan.container.ContainerExecutor})
 * wraps this and nothing else. Checking never runs a stage and does not come here; planning asks
 * only for the id, since where a stage runs may enter its key (a container's image does).
 */
@FunctionalInterface
public interface StageExecutor {
  /** In this JVM, by the runner itself. */
  StageExecutor IN_PROCESS = StageRunner::run;

  ArtifactStore.Produced execute(StageRunner runner, StageCall call) throws IOException;

  /** The id {@link #execute} produces or reuses, without running anything: the runner's own unless overridden. */
  default String plannedId(StageRunner runner, StageCall call) throws IOException {
    return runner.plannedId(call);
  }
}
