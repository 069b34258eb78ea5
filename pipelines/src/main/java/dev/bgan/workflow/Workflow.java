package dev.bgan.workflow;

import dev.bgan.common.BadInputException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * A workflow file: named stages in order, each naming its runner ({@code run:}), parameters,
 * options and inputs, an input being an earlier stage's name or an artifact id.
 *
 * <pre>
 * name: quickstart
 * stages:
 *   prepare: {run: prepare, options: {dataset: mnist}}
 *   train:   {run: train, inputs: {data: prepare}, params: {semi_supervised: true, N: 100}, executor: container}
 * </pre>
 *
 * <p>A workflow with a {@code sweep:} block ({@link Sweep}) runs its swept stage and what depends on
 * it once per grid point ({@code bgan sweep}); {@code sweep} is null in a workflow without one.
 */
public record Workflow(String name, String description, Map<String, Step> steps, Sweep sweep) {

  /**
   * One stage of a workflow. {@code executor}: where it runs ({@link ExecutorChoice#NAMES}), null
   * for the run's default.
   */
  public record Step(String name, String run, Map<String, String> params, Map<String, String> options,
      Map<String, List<String>> inputs, String executor) {}

  public static Workflow read(Path file) {
    Object root;
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      // SafeConstructor: a workflow file builds plain maps and lists, never arbitrary classes.
      LoaderOptions options = new LoaderOptions();
      options.setAllowDuplicateKeys(false);
      root = new Yaml(new SafeConstructor(options)).load(in);
    } catch (IOException e) {
      throw BadInputException.inFile(file, "cannot read workflow (" + e.getMessage() + ")");
    } catch (MarkedYAMLException e) {
      String problem = String.valueOf(e.getProblem()).replaceFirst("^found duplicate key (.*)$", "duplicate key '$1'");
      throw BadInputException.inFile(file, (e.getProblemMark() == null ? "" : "line " + (e.getProblemMark().getLine() + 1)
          + ": ") + problem.replace('\n', ' ') + (problem.startsWith("duplicate") ? "" : " (not valid YAML)"));
    } catch (YAMLException e) {
      throw BadInputException.inFile(file, "not valid YAML (" + e.getMessage().replace('\n', ' ') + ")");
    }
    Map<String, Object> top = map(file, "the top level", root);
    WorkflowCheck.keys(file, "the top level", top.keySet(), WorkflowCheck.TOP_KEYS);
    Map<String, Object> stages = map(file, "stages", top.get("stages"));
    Map<String, Step> steps = new LinkedHashMap<>();
    for (Map.Entry<String, Object> entry : stages.entrySet()) {
      String name = entry.getKey();
      Map<String, Object> body = map(file, "stage " + name, entry.getValue());
      WorkflowCheck.keys(file, "stage " + name, body.keySet(), WorkflowCheck.STAGE_KEYS);
      Object run = body.getOrDefault("run", name);
      Map<String, List<String>> inputs = new LinkedHashMap<>();
      map(file, "stage " + name + " inputs", body.getOrDefault("inputs", Map.of())).forEach((role, value) -> {
        List<String> refs = new ArrayList<>();
        if (value instanceof List<?> list) {
          list.forEach(v -> refs.add(String.valueOf(v)));
        } else {
          refs.add(String.valueOf(value));
        }
        for (String ref : refs) {
          if (!steps.containsKey(ref) && !dev.bgan.artifact.ArtifactStore.isArtifactId(ref)) {
            throw BadInputException.inFile(file, "stage " + name + " input " + role + " names '" + ref
                + "', which is neither an earlier stage nor an artifact id");
          }
        }
        inputs.put(role, List.copyOf(refs));
      });
      Object executor = body.get("executor");
      if (executor != null && !ExecutorChoice.NAMES.contains(String.valueOf(executor))) {
        throw BadInputException.inFile(file, "stage " + name + ": executor: '" + executor + "' is not one of "
            + String.join(", ", ExecutorChoice.NAMES));
      }
      steps.put(name, new Step(name, String.valueOf(run),
          strings(file, "stage " + name + ": params", body.get("params")),
          strings(file, "stage " + name + ": options", body.get("options")),
          inputs, executor == null ? null : String.valueOf(executor)));
    }
    if (steps.isEmpty()) {
      throw BadInputException.inFile(file, "workflow has no stages");
    }
    Sweep sweep = top.containsKey("sweep") ? Sweep.parse(file, map(file, "sweep", top.get("sweep")), steps) : null;
    if (sweep != null) {
      // A sweep's workers start each stage as a child JVM (bgan sweep); none runs in a container yet.
      steps.values().stream().filter(s -> s.executor() != null && !s.executor().equals(ExecutorChoice.PROCESS)).findFirst()
          .ifPresent(s -> {
            throw BadInputException.inFile(file, "stage " + s.name() + ": executor: " + s.executor()
                + " is not supported in a sweep (its workers run each stage as a child JVM)");
          });
    }
    WorkflowCheck.check(file, steps, sweep);
    return new Workflow(String.valueOf(top.getOrDefault("name", file.getFileName().toString())),
        String.valueOf(top.getOrDefault("description", "")), steps, sweep);
  }

  /** The stages a sweep runs once per grid point: the swept stage and what depends on it, reports excepted. */
  public List<Step> sweptSteps() {
    return dependents().stream().filter(s -> !s.run().equals("report")).toList();
  }

  /** The reports over a sweep's runs: report stages that depend on the swept stage. */
  public List<Step> sweepReports() {
    return dependents().stream().filter(s -> s.run().equals("report")).toList();
  }

  /** The stages a sweep runs once, before the grid: those that do not depend on the swept stage. */
  public Workflow upstreamOfSweep() {
    List<Step> dependents = dependents();
    Map<String, Step> upstream = new LinkedHashMap<>();
    steps.values().stream().filter(s -> !dependents.contains(s)).forEach(s -> upstream.put(s.name(), s));
    return new Workflow(name, description, upstream, null);
  }

  /** The swept stage and every stage that reads from it, directly or not, in workflow order. */
  private List<Step> dependents() {
    if (sweep == null) {
      throw new BadInputException("workflow " + name + " declares no sweep");
    }
    List<Step> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Step step : steps.values()) {
      if (step.name().equals(sweep.stage()) || step.inputs().values().stream().flatMap(List::stream).anyMatch(names::contains)) {
        names.add(step.name());
        out.add(step);
      }
    }
    return out;
  }

  private static Map<String, String> strings(Path file, String what, Object value) {
    Map<String, String> out = new LinkedHashMap<>();
    if (value != null) {
      map(file, what, value).forEach((k, v) -> {
        if (v == null || v instanceof Map<?, ?> || v instanceof List<?>) {
          throw BadInputException.inFile(file, what + ": " + k + " must be a single value (a number, word or text), not "
              + (v == null ? "empty" : v instanceof Map<?, ?> ? "a mapping" : "a list"));
        }
        out.put(k, String.valueOf(v));
      });
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Path file, String what, Object value) {
    if (!(value instanceof Map<?, ?> m)) {
      throw BadInputException.inFile(file, what + " must be a mapping");
    }
    for (Object key : m.keySet()) {
      if (!(key instanceof String)) {
        throw BadInputException.inFile(file, what + " has a non-text key " + key);
      }
    }
    return (Map<String, Object>) m;
  }
}
