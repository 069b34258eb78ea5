package dev.bgan.workflow;

import dev.bgan.common.BadInputException;
import dev.bgan.common.NearMisses;
import dev.bgan.stage.StageRunner;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The stage runners by name, as the stage modules register them ({@code META-INF/services/dev.bgan.stage.StageRunner}):
 * the engine knows the {@link StageRunner} interface and no stage.
 */
public final class StageRunners {
  private static final Map<String, StageRunner> BY_NAME = ServiceLoader.load(StageRunner.class).stream()
      .map(ServiceLoader.Provider::get)
      .collect(Collectors.toUnmodifiableMap(StageRunner::name, Function.identity()));

  private StageRunners() {}

  public static StageRunner get(String name) {
    StageRunner runner = BY_NAME.get(name);
    if (runner == null) {
      throw new BadInputException("unknown stage '" + name + "'" + NearMisses.hint(name, BY_NAME.keySet())
          + "; known: " + String.join(", ", names()));
    }
    return runner;
  }

  /** The stage names workflows may use in {@code run:}, sorted. */
  public static List<String> names() {
    return BY_NAME.keySet().stream().sorted().toList();
  }
}
