package dev.bgan.workflow;

/**
 * Where a workflow stage runs. An executor wraps the stage's in-process runner (its parameters,
 * inputs, checks and planned id stay the stage's own) into a runner that runs it elsewhere: in the
 * launcher's JVM ({@link #IN_PROCESS}), or in the stage's container image
 * ({@code dev.bgan.container.ContainerExecutor}).
 */
public interface StageExecutor {
  /** The stage in the launcher's JVM, as it always ran: its runner unchanged. */
  StageExecutor IN_PROCESS = new StageExecutor() {
    @Override
    public String name() {
      return ExecutorChoice.PROCESS;
    }

    @Override
    public StageRunner runnerFor(String step, StageRunner inProcess) {
      return inProcess;
    }
  };

  /** The name workflows and {@code --executor} use. */
  String name();

  /** The runner of workflow stage {@code step}, whose in-process runner is {@code inProcess}. */
  StageRunner runnerFor(String step, StageRunner inProcess);
}
