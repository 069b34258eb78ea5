package dev.bgan.workflow;

import dev.bgan.artifact.ArtifactStore;
import dev.bgan.stage.StageCall;
import dev.bgan.stage.StageRunner;
import java.io.IOException;

/**
 * How the engine runs one stage call: the one place where a workflow's or a sweep report's stage is
 * started, so that another way to run it (in a container, say) wraps this and nothing else. Planning
 * and checking never run a stage and do not come here.
 */
@FunctionalInterface
public interface StageExecutor {
  /** In this JVM, by the runner itself. */
  StageExecutor IN_PROCESS = StageRunner::run;

  ArtifactStore.Produced execute(StageRunner runner, StageCall call) throws IOException;
}
