package dev.bgan.pipelines.sweep;

import dev.bgan.prepare.stage.PrepareRunner;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One stage of a sweep run as a worker launches it: the stage's command ({@code run}), its
 * parameters and options, and per input role the artifact ids it reads, or the names of earlier
 * stages of the same run, whose ids the worker learns as they finish.
 */
public record StageInvocation(String step, String run, Map<String, String> params, Map<String, String> options,
    Map<String, List<String>> inputs) implements Serializable {
  private static final long serialVersionUID = 1L;

  public StageInvocation {
    // Immutable copies; the JDK's immutable collections are serializable, as Beam's coder needs.
    params = Map.copyOf(params);
    options = Map.copyOf(options);
    inputs = Map.copyOf(inputs);
  }

  /**
   * The arguments of {@code bgan} that run this stage on {@code store}: {@code STAGE --store S --ROLE
   * ID... --OPTION VALUE... --PARAM VALUE... [--force]}, options and parameters sorted by name. The
   * prepare command takes its dataset as a subcommand ({@code prepare mnist ...}), not as an option.
   */
  public List<String> arguments(Path store, Map<String, List<String>> inputIds, boolean force) {
    Map<String, String> rest = new TreeMap<>(options);
    List<String> args = new ArrayList<>(List.of(run));
    if (run.equals(PrepareRunner.STAGE)) {
      args.add(rest.remove(PrepareRunner.DATASET));
    }
    args.addAll(List.of("--store", store.toString()));
    inputIds.forEach((role, ids) -> {
      // The report command names its metrics input --metrics-ids (StageCommand.inputNames).
      args.add(run.equals("report") && role.equals("metrics") ? "--metrics-ids" : "--" + role);
      args.addAll(ids);
    });
    rest.forEach((k, v) -> args.addAll(List.of("--" + k, v)));
    new TreeMap<>(params).forEach((k, v) -> args.addAll(List.of("--" + k, v)));
    if (force) {
      args.add("--force");
    }
    return args;
  }
}
