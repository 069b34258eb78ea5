package dev.bgan.workflow;

import dev.bgan.artifact.ArtifactStore;
import dev.bgan.artifact.CachePolicy;
import dev.bgan.common.BadInputException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a workflow's stages in order against one store. Each stage reuses its cached artifact
 * unless forced; forcing a stage forces everything downstream of it, because a recomputed
 * artifact keeps its id (ids come from what made an artifact, not from its bytes). With
 * {@code only}, upstream stages must already be cached and downstream stages are not run.
 */
public final class WorkflowRunner {
  private static final Logger LOG = LoggerFactory.getLogger(WorkflowRunner.class);

  /** What happened to one stage. */
  public record StageResult(String stage, String run, ArtifactStore.Produced produced, double seconds) {}

  private final ArtifactStore store;

  public WorkflowRunner(ArtifactStore store) {
    this.store = store;
  }

  /**
   * @param overrides {@code stage.key=value}: a parameter of the stage's config, or one of its options
   * @param only run this stage alone (null: all)
   * @param forced stages to recompute, with everything downstream of them
   */
  public List<StageResult> run(Workflow workflow, List<String> overrides, String only, Set<String> forced)
      throws IOException {
    Map<String, Workflow.Step> steps = workflow.steps();
    for (String name : forced) {
      requireStage(workflow, name);
    }
    if (only != null) {
      requireStage(workflow, only);
    }
    Map<String, Map<String, String>> params = new HashMap<>();
    Map<String, Map<String, String>> options = new HashMap<>();
    for (Workflow.Step step : steps.values()) {
      params.put(step.name(), new LinkedHashMap<>(step.params()));
      options.put(step.name(), new LinkedHashMap<>(step.options()));
    }
    for (String override : overrides) {
      int eq = override.indexOf('=');
      int dot = override.indexOf('.');
      if (eq < 0 || dot < 0 || dot > eq) {
        throw new BadInputException("--set " + override + ": expected stage.key=value");
      }
      String stage = override.substring(0, dot);
      String key = override.substring(dot + 1, eq);
      String value = override.substring(eq + 1);
      Workflow.Step step = requireStage(workflow, stage);
      (StageRunners.get(step.run()).optionNames().contains(key) ? options : params).get(stage).put(key, value);
    }

    Set<String> forcedClosure = new HashSet<>(forced);
    Map<String, String> ids = new HashMap<>();
    List<StageResult> results = new ArrayList<>();
    boolean afterOnly = false;
    for (Workflow.Step step : steps.values()) {
      if (afterOnly) {
        break;
      }
      Map<String, List<String>> inputs = new LinkedHashMap<>();
      for (Map.Entry<String, List<String>> input : step.inputs().entrySet()) {
        List<String> resolved = new ArrayList<>();
        for (String ref : input.getValue()) {
          resolved.add(ids.getOrDefault(ref, ref));
          if (forcedClosure.contains(ref)) {
            forcedClosure.add(step.name());
          }
        }
        inputs.put(input.getKey(), resolved);
      }
      CachePolicy policy;
      if (only != null && !only.equals(step.name())) {
        policy = CachePolicy.CACHED_ONLY;
      } else {
        policy = forcedClosure.contains(step.name()) ? CachePolicy.FORCE : CachePolicy.REUSE;
        afterOnly = only != null;
      }
      StageRunner runner = StageRunners.get(step.run());
      LOG.info("stage {} ({}): {}", step.name(), runner.name(), policy == CachePolicy.FORCE ? "forced" : "starting");
      long start = System.nanoTime();
      ArtifactStore.Produced produced = runner.run(new StageCall(store, params.get(step.name()), inputs,
          options.get(step.name()), policy));
      double seconds = (System.nanoTime() - start) / 1e9;
      ids.put(step.name(), produced.artifact().id());
      results.add(new StageResult(step.name(), runner.name(), produced, seconds));
      LOG.info("stage {}: {} ({}, {} s)", step.name(), produced.artifact().id(),
          produced.cached() ? "cached" : "computed", String.format("%.1f", seconds));
    }
    return results;
  }

  private static Workflow.Step requireStage(Workflow workflow, String name) {
    Workflow.Step step = workflow.steps().get(name);
    if (step == null) {
      throw new BadInputException("workflow " + workflow.name() + " has no stage '" + name
          + "' (stages: " + String.join(", ", workflow.steps().keySet()) + ")");
    }
    return step;
  }
}
