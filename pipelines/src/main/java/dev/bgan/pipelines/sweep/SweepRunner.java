package dev.bgan.pipelines.sweep;

import dev.bgan.artifact.ArtifactStore;
import dev.bgan.artifact.CachePolicy;
import dev.bgan.common.BadInputException;
import dev.bgan.prepare.stage.BeamRunner;
import dev.bgan.stage.StageCall;
import dev.bgan.workflow.InputReferences;
import dev.bgan.workflow.StageExecutor;
import dev.bgan.workflow.StageRunners;
import dev.bgan.workflow.Sweep;
import dev.bgan.workflow.Workflow;
import dev.bgan.workflow.WorkflowRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a sweep workflow: the stages upstream of the swept one once (through {@link WorkflowRunner},
 * with its cache), then every grid point whose artifacts the store lacks as an element of a Beam
 * pipeline, then, if every run succeeded, the workflow's reports over all runs. A rerun after
 * failures launches only the runs that failed (the others are found in the store).
 */
public final class SweepRunner {
  private static final Logger LOG = LoggerFactory.getLogger(SweepRunner.class);
  /** Where sweeps keep, per invocation, the runs' outcome files and stage logs: inside the (shared) store. */
  public static final String SWEEPS_DIR = ".sweeps";

  /**
   * One grid point before the sweep: the element a worker would get, the ids its stages would
   * produce, and whether all of them are in the store already. {@code planError} is set (and the
   * ids incomplete) when its parameters are refused; such a run is still sent to a worker, so that
   * it fails and is reported like any other failure.
   */
  public record PlannedRun(Sweep.Point point, SweepRun run, Map<String, String> plannedIds, String planError,
      boolean cached) {}

  /** A report over the sweep's runs. */
  public record Report(String stage, ArtifactStore.Produced produced) {}

  /** What a sweep did. {@code reports} is empty when a run failed; {@code workDir} is null when nothing ran. */
  public record Result(List<WorkflowRunner.StageResult> upstream, List<PlannedRun> planned,
      List<SweepOutcome> outcomes, List<Report> reports, Path workDir) {
    public List<SweepOutcome> failures() {
      return outcomes.stream().filter(o -> o.status() == SweepOutcome.Status.FAILED).toList();
    }
  }

  private final ArtifactStore store;
  /** How the upstream stages and the reports run (the grid's runs are worker processes). */
  private final StageExecutor executor = StageExecutor.IN_PROCESS;

  public SweepRunner(ArtifactStore store) {
    this.store = store;
  }

  /** The upstream stages' plan and every run's planned ids, nothing run or written. */
  public record Plan(List<WorkflowRunner.PlannedStage> upstream, List<PlannedRun> runs) {}

  public Plan plan(Workflow workflow) throws IOException {
    List<WorkflowRunner.PlannedStage> upstream =
        new WorkflowRunner(store).plan(workflow.upstreamOfSweep(), WorkflowRunner.Request.all());
    Map<String, String> ids = new LinkedHashMap<>();
    upstream.forEach(p -> ids.put(p.stage(), p.id()));
    return new Plan(upstream, planRuns(workflow, ids));
  }

  public Result run(Workflow workflow, BeamRunner runner, WorkerJvm jvm) throws IOException {
    List<WorkflowRunner.StageResult> upstream =
        new WorkflowRunner(store, executor).run(workflow.upstreamOfSweep(), WorkflowRunner.Request.all());
    Map<String, String> upstreamIds = new LinkedHashMap<>();
    upstream.forEach(r -> upstreamIds.put(r.stage(), r.produced().artifact().id()));
    List<PlannedRun> planned = planRuns(workflow, upstreamIds);
    List<SweepRun> toRun = planned.stream().filter(p -> !p.cached()).map(PlannedRun::run).toList();

    LOG.info("sweep {}: {} runs, {} cached, {} to run on {} (parallelism {}, {} PyTorch threads each)",
        workflow.name(), planned.size(), planned.size() - toRun.size(), toRun.size(), runner.name(),
        runner.parallelism(), jvm.threads());
    Path workDir = null;
    if (!toRun.isEmpty()) {
      workDir = Files.createTempDirectory(Files.createDirectories(store.root().resolve(SWEEPS_DIR)), workflow.name() + "-");
      LOG.info("sweep {}: outcomes and logs in {}", workflow.name(), workDir);
      SweepPipeline.run(toRun, runner, jvm, store.root(), workDir);
    }

    List<SweepOutcome> outcomes = new ArrayList<>();
    for (PlannedRun p : planned) {
      if (p.cached()) {
        outcomes.add(SweepOutcome.cached(p.run().key(), p.plannedIds()));
        continue;
      }
      Path file = SweepPipeline.outcomeDir(workDir).resolve(p.run().key() + ".properties");
      outcomes.add(Files.isRegularFile(file) ? SweepOutcome.read(file)
          : new SweepOutcome(p.run().key(), SweepOutcome.Status.FAILED, Map.of(), "", -1,
              "the pipeline finished without an outcome for this run", "", 0));
    }
    List<Report> reports = new ArrayList<>();
    if (outcomes.stream().noneMatch(o -> o.status() == SweepOutcome.Status.FAILED)) {
      reports = runReports(workflow, upstreamIds, outcomes);
    }
    return new Result(upstream, planned, outcomes, reports, workDir);
  }

  private List<PlannedRun> planRuns(Workflow workflow, Map<String, String> upstreamIds) {
    Sweep sweep = workflow.sweep();
    List<PlannedRun> planned = new ArrayList<>();
    for (Sweep.Point point : sweep.points()) {
      List<StageInvocation> stages = new ArrayList<>();
      Map<String, String> ids = new LinkedHashMap<>(upstreamIds);
      Map<String, String> runIds = new LinkedHashMap<>();
      String planError = "";
      for (Workflow.Step step : workflow.sweptSteps()) {
        Map<String, String> params = step.name().equals(sweep.stage()) ? sweep.params(step.params(), point) : step.params();
        // Upstream stages are known by id; stages of this run by name, which the worker resolves.
        Map<String, List<String>> refs = InputReferences.resolve(step.inputs(), upstreamIds);
        stages.add(new StageInvocation(step.name(), step.run(), params, step.options(), refs));
        if (planError.isEmpty()) {
          try {
            String id = StageRunners.get(step.run()).plannedId(
                new StageCall(store, params, InputReferences.resolve(refs, ids), step.options(), CachePolicy.REUSE));
            ids.put(step.name(), id);
            runIds.put(step.name(), id);
          } catch (BadInputException | IOException e) {
            planError = step.name() + ": " + e.getMessage();
          }
        }
      }
      boolean cached = planError.isEmpty() && runIds.values().stream()
          .allMatch(id -> store.find(id).isPresent() && store.verify(id).ok());
      planned.add(new PlannedRun(point, new SweepRun(point.key(), stages), runIds, planError, cached));
    }
    requireDistinct(workflow, planned);
    return planned;
  }

  /** Two grid points with the same artifacts would train one model twice at once (and count it twice). */
  private static void requireDistinct(Workflow workflow, List<PlannedRun> planned) {
    Map<String, String> byId = new LinkedHashMap<>();
    for (PlannedRun p : planned) {
      String first = p.plannedIds().get(workflow.sweep().stage());
      if (first != null && byId.containsKey(first)) {
        throw new BadInputException("sweep of workflow " + workflow.name() + ": runs " + byId.get(first) + " and "
            + p.run().key() + " are the same run (" + first + "): give their methods different parameters");
      }
      byId.put(first, p.run().key());
    }
  }

  /** Each report stage over every run: an input naming a swept stage gets that stage's artifact of every run. */
  private List<Report> runReports(Workflow workflow, Map<String, String> upstreamIds, List<SweepOutcome> outcomes)
      throws IOException {
    List<String> swept = workflow.sweptSteps().stream().map(Workflow.Step::name).toList();
    List<Report> reports = new ArrayList<>();
    for (Workflow.Step step : workflow.sweepReports()) {
      Map<String, List<String>> inputs = InputReferences.resolve(step.inputs(), ref -> swept.contains(ref)
          ? outcomes.stream().map(o -> o.ids().get(ref)).toList()
          : List.of(upstreamIds.getOrDefault(ref, ref)));
      ArtifactStore.Produced produced = executor.execute(StageRunners.get(step.run()),
          new StageCall(store, step.params(), inputs, step.options(), CachePolicy.REUSE));
      reports.add(new Report(step.name(), produced));
    }
    return reports;
  }
}
