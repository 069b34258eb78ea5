package dev.bgan.workflow;

import dev.bgan.artifact.ArtifactStore;
import dev.bgan.artifact.CachePolicy;
import dev.bgan.common.BadInputException;
import dev.bgan.common.NearMisses;
import dev.bgan.common.Sha256;
import dev.bgan.stage.StageCall;
import dev.bgan.stage.StageRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A whole workflow file checked before any of its stages runs: keys at the top level and in each
 * stage, the stage names in {@code run:}, every parameter and option and its value, input roles and
 * the kind of artifact each input names, and every grid point of a sweep. An error names the file,
 * the stage and the key, suggests the accepted key a near miss meant, and lists the accepted keys.
 */
final class WorkflowCheck {
  static final List<String> TOP_KEYS = List.of("name", "description", "stages", "sweep");
  static final List<String> STAGE_KEYS = List.of("run", "params", "options", "inputs", "executor");

  private WorkflowCheck() {}

  /** Refuses a key of {@code map} that is not in {@code accepted}. */
  static void keys(Path file, String where, Collection<String> keys, Collection<String> accepted) {
    for (String key : keys) {
      if (!accepted.contains(key)) {
        throw BadInputException.inFile(file, where + ": unknown key '" + key + "'" + NearMisses.hint(key, accepted)
            + "; accepted: " + String.join(", ", accepted));
      }
    }
  }

  /** Checks every stage, in order, and the sweep's grid, as a run would before it reads or writes anything. */
  static void check(Path file, Map<String, Workflow.Step> steps, Sweep sweep) {
    Map<String, String> kinds = new HashMap<>();
    for (Workflow.Step step : steps.values()) {
      String where = "stage " + step.name();
      StageRunner runner;
      try {
        runner = StageRunners.get(step.run());
      } catch (BadInputException e) {
        throw BadInputException.inFile(file, where + ": run: " + e.getMessage());
      }
      parameters(file, where, runner, step.params().keySet());
      options(file, where, runner, step.options().keySet());
      Map<String, List<String>> inputs = inputs(file, where, runner, step.inputs(), kinds);
      call(file, where, runner, step.params(), inputs, step.options());
      if (sweep != null && sweep.stage().equals(step.name())) {
        sweep.methods().forEach((method, params) -> parameters(file, "sweep method " + method, runner, params.keySet()));
        for (Sweep.Point point : sweep.points()) {
          call(file, where + " at sweep point " + point.key(), runner, sweep.params(step.params(), point), inputs,
              step.options());
        }
      }
      kinds.put(step.name(), runner.outputKind());
    }
  }

  private static void parameters(Path file, String where, StageRunner runner, Collection<String> keys) {
    for (String key : keys) {
      if (!runner.parameterNames().contains(key)) {
        String hint = runner.optionNames().contains(key) ? " ('" + key + "' is an option: put it under options:)"
            : NearMisses.closest(key, runner.parameterNames()).map(n -> " (did you mean '" + n + "'?)")
                .or(() -> NearMisses.closest(key, runner.optionNames())
                    .map(n -> " (did you mean the option '" + n + "'? put it under options:)"))
                .orElse("");
        throw BadInputException.inFile(file, where + ": params: unknown parameter '" + key + "' of " + runner.name() + hint
            + "; accepted: " + String.join(", ", runner.parameterNames()));
      }
    }
  }

  private static void options(Path file, String where, StageRunner runner, Collection<String> keys) {
    Set<String> accepted = new TreeSet<>(runner.optionNames());
    for (String key : keys) {
      if (!accepted.contains(key)) {
        String hint = runner.parameterNames().contains(key) ? " ('" + key + "' is a parameter: put it under params:)"
            : NearMisses.closest(key, accepted).map(n -> " (did you mean '" + n + "'?)")
                .or(() -> NearMisses.closest(key, runner.parameterNames())
                    .map(n -> " (did you mean the parameter '" + n + "'? put it under params:)"))
                .orElse("");
        throw BadInputException.inFile(file, where + ": options: unknown option '" + key + "' of " + runner.name() + hint
            + "; accepted: " + (accepted.isEmpty() ? "none" : String.join(", ", accepted)));
      }
    }
  }

  /** The inputs with every stage reference replaced by a placeholder id of that stage's kind. */
  private static Map<String, List<String>> inputs(Path file, String where, StageRunner runner,
      Map<String, List<String>> given, Map<String, String> kinds) {
    List<String> roles = runner.inputRoles();
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> input : given.entrySet()) {
      String role = input.getKey();
      if (!roles.contains(role)) {
        throw BadInputException.inFile(file, where + ": inputs: " + runner.name() + " has no input '" + role + "'"
            + NearMisses.hint(role, roles) + "; accepted: " + (roles.isEmpty() ? "none" : String.join(", ", roles)));
      }
      if (input.getValue().size() != 1 && !runner.repeatableInputs().contains(role)) {
        throw BadInputException.inFile(file, where + ": inputs: " + role + " takes one artifact, got "
            + input.getValue().size());
      }
      List<String> ids = new ArrayList<>();
      for (String ref : input.getValue()) {
        String kind = kinds.containsKey(ref) ? kinds.get(ref) : ref.substring(0, ref.lastIndexOf('-'));
        String expected = runner.inputKind(role);
        if (!kind.equals(expected)) {
          throw BadInputException.inFile(file, where + ": inputs: " + role + " needs a " + expected + " artifact, but '"
              + ref + "' " + (kinds.containsKey(ref) ? "is a stage that makes a " : "is a ") + kind);
        }
        ids.add(kinds.containsKey(ref) ? placeholder(kind, ref) : ref);
      }
      out.put(role, ids);
    }
    for (String role : roles) {
      if (!out.containsKey(role) && !runner.optionalInputs().contains(role)) {
        throw BadInputException.inFile(file, where + ": inputs: " + runner.name() + " needs its '" + role + "' input ("
            + runner.inputKind(role) + ")");
      }
    }
    return out;
  }

  private static void call(Path file, String where, StageRunner runner, Map<String, String> params,
      Map<String, List<String>> inputs, Map<String, String> options) {
    try {
      runner.check(new StageCall(null, params, inputs, options, CachePolicy.PLAN));
    } catch (BadInputException e) {
      throw BadInputException.inFile(file, where + ": " + e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A placeholder id for what a stage makes, one per stage, for checks that need no real id. */
  static String placeholder(String kind, String stage) {
    String id = kind + "-" + Sha256.of(stage).substring(0, 16);
    if (!ArtifactStore.isArtifactId(id)) {
      throw new IllegalStateException("not an id: " + id);
    }
    return id;
  }
}
