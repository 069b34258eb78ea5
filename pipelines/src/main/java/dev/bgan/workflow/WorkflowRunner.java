package dev.bgan.workflow;

import dev.bgan.artifact.ArtifactStore;
import dev.bgan.artifact.CachePolicy;
import dev.bgan.common.BadInputException;
import dev.bgan.stage.StageCall;
import dev.bgan.stage.StageRunner;
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
 * Runs a workflow's stages in order against one store, or plans them (a dry run). Each stage
 * reuses its cached artifact unless it is forced or an upstream stage is computed: a recomputed
 * artifact keeps its id (ids come from what made an artifact, not from its bytes), so everything
 * downstream of a computed stage is computed again too. With {@code only}, the stages it depends
 * on must already be cached and nothing else runs; with {@code from}, that stage and its
 * downstream are recomputed on cached artifacts for everything else.
 */
public final class WorkflowRunner {
  private static final Logger LOG = LoggerFactory.getLogger(WorkflowRunner.class);

  /**
   * What to run.
   *
   * @param overrides {@code stage.key=value}: a parameter of the stage's config, or one of its options
   * @param inputs {@code stage.role=ID[,ID...]}: use these artifacts as the stage's input instead of
   *     the upstream stage's (an older model, say)
   * @param only run this stage alone (null: all)
   * @param from recompute this stage and its downstream, all else from the cache (null: none)
   * @param forced stages to recompute, with everything downstream of them
   */
  public record Request(List<String> overrides, List<String> inputs, String only, String from, Set<String> forced) {
    public Request {
      overrides = List.copyOf(overrides);
      inputs = List.copyOf(inputs);
      forced = Set.copyOf(forced);
      if (only != null && from != null) {
        throw new BadInputException("give --only or --from, not both");
      }
    }

    public static Request all() {
      return new Request(List.of(), List.of(), null, null, Set.of());
    }
  }

  /** What happened to one stage. */
  public record StageResult(String stage, String run, ArtifactStore.Produced produced, double seconds) {}

  /** What a run would do to one stage. */
  public record PlannedStage(String stage, String run, String id, Plan plan) {}

  /** What a run would do with a stage. */
  public enum Plan {
    CACHED("cached"),
    NOT_IN_STORE("would run (not in store)"),
    FORCED("would run (forced)"),
    UPSTREAM_CHANGES("would run again (an upstream stage runs)"),
    MISSING("not cached: a run stops here (run it first)"),
    FAILS_VERIFICATION("cached but fails verification: a run stops here (rerun with --force)");

    private final String text;

    Plan(String text) {
      this.text = text;
    }

    public boolean runs() {
      return this == NOT_IN_STORE || this == FORCED || this == UPSTREAM_CHANGES;
    }

    @Override
    public String toString() {
      return text;
    }
  }

  private final ArtifactStore store;
  private final ExecutorChoice executors;

  /** Runs stages in this JVM. */
  public WorkflowRunner(ArtifactStore store) {
    this(store, StageExecutor.IN_PROCESS);
  }

  /** Runs every stage through {@code executor}. */
  public WorkflowRunner(ArtifactStore store, StageExecutor executor) {
    this(store, ExecutorChoice.every(executor));
  }

  /** Runs each stage through the executor {@code executors} chooses for it. */
  public WorkflowRunner(ArtifactStore store, ExecutorChoice executors) {
    this.store = store;
    this.executors = executors;
  }

  public List<StageResult> run(Workflow workflow, Request request) throws IOException {
    check(workflow, request);
    List<StageResult> results = new ArrayList<>();
    walk(workflow, request, (step, runner, call, upstreamForced) -> {
      LOG.info("stage {} ({}): {}", step.name(), runner.name(), call.policy() != CachePolicy.FORCE ? "starting"
          : upstreamForced ? "recomputing (an upstream stage was computed)" : "forced");
      long start = System.nanoTime();
      ArtifactStore.Produced produced = executors.executorFor(step).execute(runner, call);
      double seconds = (System.nanoTime() - start) / 1e9;
      results.add(new StageResult(step.name(), runner.name(), produced, seconds));
      LOG.info("stage {}: {} ({}, {} s)", step.name(), produced.artifact().id(),
          produced.cached() ? "cached" : "computed", String.format("%.1f", seconds));
      if (produced.artifact().manifest().hasDataset()) {
        produced.artifact().manifest().getDataset().getWarningsList()
            .forEach(w -> LOG.warn("stage {}: {}", step.name(), w));
      }
      return new Outcome(produced.artifact().id(), !produced.cached());
    });
    return results;
  }

  /** What {@link #run} would do, stage by stage, computed from ids alone: nothing runs or is written. */
  public List<PlannedStage> plan(Workflow workflow, Request request) throws IOException {
    check(workflow, request);
    List<PlannedStage> planned = new ArrayList<>();
    walk(workflow, request, (step, runner, call, upstreamForced) -> {
      String id = executors.executorFor(step).plannedId(runner, call);
      Plan plan = switch (call.policy()) {
        // Downstream of a stage that would run: "not in store" when that is all there is to it.
        case FORCE -> !upstreamForced ? Plan.FORCED
            : store.find(id).isEmpty() ? Plan.NOT_IN_STORE : Plan.UPSTREAM_CHANGES;
        case CACHED_ONLY -> store.find(id).isEmpty() ? Plan.MISSING
            : store.verify(id).ok() ? Plan.CACHED : Plan.FAILS_VERIFICATION;
        default -> store.find(id).isEmpty() ? Plan.NOT_IN_STORE
            : store.verify(id).ok() ? Plan.CACHED : Plan.FAILS_VERIFICATION;
      };
      planned.add(new PlannedStage(step.name(), runner.name(), id, plan));
      return new Outcome(id, plan.runs());
    });
    return planned;
  }

  /**
   * Every stage that would run, with the request's {@code --set} and {@code --input} applied, checked
   * as a run would check it, before anything is read or written: a mistake in the last stage stops
   * the run before the first one starts.
   */
  public void check(Workflow workflow, Request request) throws IOException {
    walk(workflow, request, (step, runner, call, upstreamForced) -> {
      executors.executorFor(step); // an executor not available here is refused before any stage runs
      try {
        runner.check(call);
      } catch (BadInputException e) {
        throw new BadInputException("workflow " + workflow.name() + ", stage " + step.name() + ": " + e.getMessage(), e);
      }
      return new Outcome(WorkflowCheck.placeholder(runner.outputKind(), step.name()), false);
    });
  }

  /** The id a stage produced (or would), and whether it was (or would be) computed. */
  private record Outcome(String id, boolean computed) {}

  @FunctionalInterface
  private interface StageVisitor {
    /** {@code upstreamForced}: the stage is forced only because an upstream stage is (or would be) computed. */
    Outcome visit(Workflow.Step step, StageRunner runner, StageCall call, boolean upstreamForced) throws IOException;
  }

  /** Resolves parameters, inputs and cache policies stage by stage, in order, and visits each stage that runs. */
  private void walk(Workflow workflow, Request request, StageVisitor visitor) throws IOException {
    Map<String, Workflow.Step> steps = workflow.steps();
    for (String name : request.forced()) {
      requireStage(workflow, name);
    }
    if (request.only() != null) {
      requireStage(workflow, request.only());
    }
    if (request.from() != null) {
      requireStage(workflow, request.from());
    }
    Map<String, Map<String, String>> params = new HashMap<>();
    Map<String, Map<String, String>> options = new HashMap<>();
    Map<String, Map<String, List<String>>> refs = new HashMap<>();
    for (Workflow.Step step : steps.values()) {
      params.put(step.name(), new LinkedHashMap<>(step.params()));
      options.put(step.name(), new LinkedHashMap<>(step.options()));
      refs.put(step.name(), new LinkedHashMap<>(step.inputs()));
    }
    for (String override : request.overrides()) {
      Assignment set = Assignment.parse("--set", override, workflow);
      StageRunner runner = StageRunners.get(steps.get(set.stage()).run());
      String key = spelledAsDeclared(runner, set.key());
      (runner.optionNames().contains(key) ? options : params).get(set.stage()).put(key, set.value());
    }
    for (String override : request.inputs()) {
      Assignment input = Assignment.parse("--input", override, workflow);
      StageRunner runner = StageRunners.get(steps.get(input.stage()).run());
      if (!runner.inputRoles().contains(input.key())) {
        throw new BadInputException("--input " + override + ": stage " + input.stage() + " has no input '"
            + input.key() + "' (inputs: " + String.join(", ", runner.inputRoles()) + ")");
      }
      List<String> ids = List.of(input.value().split(","));
      for (String id : ids) {
        if (!ArtifactStore.isArtifactId(id)) {
          throw new BadInputException("--input " + override + ": '" + id + "' is not an artifact id");
        }
        String kind = id.substring(0, id.lastIndexOf('-'));
        if (!kind.equals(runner.inputKind(input.key()))) {
          throw new BadInputException("--input " + override + ": " + input.key() + " needs a "
              + runner.inputKind(input.key()) + " artifact, not a " + kind);
        }
      }
      refs.get(input.stage()).put(input.key(), ids);
    }

    Set<String> forcedRoots = request.from() == null ? request.forced() : union(request.forced(), request.from());
    Set<String> forcedClosure = downstreamOf(steps, refs, forcedRoots);
    Set<String> fromClosure = request.from() == null ? null : downstreamOf(steps, refs, Set.of(request.from()));
    Set<String> needed = request.only() == null ? steps.keySet() : upstreamOf(refs, request.only());

    Map<String, String> ids = new HashMap<>();
    Set<String> computed = new HashSet<>();
    for (Workflow.Step step : steps.values()) {
      if (!needed.contains(step.name())) {
        continue;
      }
      Map<String, List<String>> inputs = InputReferences.resolve(refs.get(step.name()), ids);
      boolean upstreamRan = refs.get(step.name()).values().stream().flatMap(List::stream).anyMatch(computed::contains);
      CachePolicy policy;
      if ((request.only() != null && !request.only().equals(step.name()))
          || (fromClosure != null && !fromClosure.contains(step.name()))) {
        policy = CachePolicy.CACHED_ONLY;
      } else {
        policy = forcedClosure.contains(step.name()) || upstreamRan ? CachePolicy.FORCE : CachePolicy.REUSE;
      }
      StageRunner runner = StageRunners.get(step.run());
      Outcome outcome = visitor.visit(step, runner,
          new StageCall(store, params.get(step.name()), inputs, options.get(step.name()), policy),
          upstreamRan && !forcedRoots.contains(step.name()));
      ids.put(step.name(), outcome.id());
      if (outcome.computed()) {
        computed.add(step.name());
      }
    }
  }

  /**
   * The key of {@code --set STAGE.KEY=VALUE} as the stage declares it, whichever spelling was
   * given: an option by its name ({@code train-x}, {@code num_points}), a config field in
   * snake_case ({@code num-mcmc} is {@code num_mcmc}).
   */
  static String spelledAsDeclared(StageRunner runner, String key) {
    for (String candidate : List.of(key, key.replace('_', '-'), key.replace('-', '_'))) {
      if (runner.optionNames().contains(candidate)) {
        return candidate;
      }
    }
    return key.replace('-', '_');
  }

  /** The stages given and every stage that reads, directly or not, from one of them. */
  private static Set<String> downstreamOf(Map<String, Workflow.Step> steps, Map<String, Map<String, List<String>>> refs,
      Set<String> roots) {
    Set<String> closure = new HashSet<>(roots);
    for (String name : steps.keySet()) {
      if (refs.get(name).values().stream().flatMap(List::stream).anyMatch(closure::contains)) {
        closure.add(name);
      }
    }
    return closure;
  }

  /** The stage and every stage it reads from, directly or not. */
  private static Set<String> upstreamOf(Map<String, Map<String, List<String>>> refs, String stage) {
    Set<String> closure = new HashSet<>();
    List<String> todo = new ArrayList<>(List.of(stage));
    while (!todo.isEmpty()) {
      String name = todo.remove(todo.size() - 1);
      if (refs.containsKey(name) && closure.add(name)) {
        refs.get(name).values().forEach(todo::addAll);
      }
    }
    return closure;
  }

  private static Set<String> union(Set<String> a, String b) {
    Set<String> out = new HashSet<>(a);
    out.add(b);
    return out;
  }

  /** {@code stage.key=value} of {@code --set} and {@code --input}. */
  private record Assignment(String stage, String key, String value) {
    static Assignment parse(String option, String text, Workflow workflow) {
      int eq = text.indexOf('=');
      int dot = text.indexOf('.');
      if (eq < 0 || dot < 0 || dot > eq) {
        throw new BadInputException(option + " " + text + ": expected stage.key=value");
      }
      Assignment a = new Assignment(text.substring(0, dot), text.substring(dot + 1, eq), text.substring(eq + 1));
      requireStage(workflow, a.stage());
      return a;
    }
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
