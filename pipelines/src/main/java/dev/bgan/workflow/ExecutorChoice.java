package dev.bgan.workflow;

import dev.bgan.common.BadInputException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Which {@link StageExecutor} runs each stage of a workflow: the stage's own {@code executor:} when
 * it names one, else the run's default ({@code bgan run --executor}), like a pipeline's default
 * image with per-component overrides.
 *
 * @param defaultExecutor the name of the executor of stages that name none
 * @param executors every executor by name, as a function of the stage's name in the workflow (a
 *     container executor names it in its errors and its container)
 */
public record ExecutorChoice(String defaultExecutor, Map<String, Function<String, StageExecutor>> executors) {
  public static final String PROCESS = "process";
  public static final String CONTAINER = "container";
  /** The names a workflow's {@code executor:} and {@code --executor} accept. */
  public static final List<String> NAMES = List.of(PROCESS, CONTAINER);

  public ExecutorChoice {
    executors = Map.copyOf(executors);
    if (!executors.containsKey(defaultExecutor)) {
      throw new IllegalArgumentException("no executor " + defaultExecutor + " among " + executors.keySet());
    }
  }

  /** Every stage by {@code executor}, under the name {@value #PROCESS} (a sweep's upstream stages, tests). */
  public static ExecutorChoice every(StageExecutor executor) {
    return new ExecutorChoice(PROCESS, Map.of(PROCESS, step -> executor));
  }

  StageExecutor executorFor(Workflow.Step step) {
    String name = step.executor() != null ? step.executor() : defaultExecutor;
    Function<String, StageExecutor> executor = executors.get(name);
    if (executor == null) {
      throw new BadInputException("stage " + step.name() + ": executor " + name + " is not available here (available: "
          + String.join(", ", executors.keySet().stream().sorted().toList()) + ")");
    }
    return executor.apply(step.name());
  }
}
