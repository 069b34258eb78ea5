package dev.bgan.cli;

import dev.bgan.artifact.Artifact;
import dev.bgan.artifact.ArtifactStore;
import dev.bgan.common.BadInputException;
import dev.bgan.pipelines.sweep.SweepOutcome;
import dev.bgan.pipelines.sweep.SweepRunner;
import dev.bgan.pipelines.sweep.WorkerJvm;
import dev.bgan.prepare.stage.BeamRunner;
import dev.bgan.workflow.Workflow;
import dev.bgan.workflow.WorkflowRunner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code bgan sweep WORKFLOW.yaml}: the grid of a workflow's {@code sweep:} block as a Beam pipeline,
 * then its reports over every run. Exit 0 when every run succeeded (the last line is the last
 * report's id), 1 when some failed (listed, with exit code and last error line), 2 on bad input.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
    description = "Run a workflow's sweep (seeds x N x methods): upstream stages once, each grid point's train and"
        + " evaluate as one element of a Beam pipeline (child JVMs publishing into the store), then the report over"
        + " all runs. Runs already in the store are not launched again.")
final class SweepCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "WORKFLOW", description = "workflow YAML file with a sweep: block")
  Path workflowFile;

  @Option(names = "--runner", paramLabel = "direct|flink", defaultValue = "direct",
      description = "Beam runner (default: ${DEFAULT-VALUE})")
  String runner;

  @Option(names = {"--flink-master", "--flink_master"}, paramLabel = "[local]|HOST:PORT", defaultValue = "[local]",
      description = "Flink: [local] embeds Flink in this process, HOST:PORT submits to a cluster (default: ${DEFAULT-VALUE})")
  String flinkMaster;

  @Option(names = "--parallelism", paramLabel = "P", defaultValue = "1",
      description = "runs at a time, each a chain of child JVMs with --threads PyTorch threads (default: ${DEFAULT-VALUE})")
  int parallelism;

  @Option(names = "--threads", paramLabel = "T",
      description = "PyTorch threads of each run's processes (default: this JVM's, i.e. BGAN_THREADS or the cores);"
          + " results depend on it, so compare runs made with the same T")
  Integer threads;

  @Option(names = "--dry-run", description = "print the upstream stages and every run, cached or to run; run nothing")
  boolean dryRun;

  @Mixin StoreOption store;

  @Override
  public Integer call() throws Exception {
    Workflow workflow = Workflow.read(workflowFile);
    if (workflow.sweep() == null) {
      throw BadInputException.inFile(workflowFile, "declares no sweep: block (run it with bgan run)");
    }
    BeamRunner beam = new BeamRunner(runner, flinkMaster, parallelism);
    SweepRunner sweeps = new SweepRunner(store.open());
    PrintWriter out = spec.commandLine().getOut();
    List<String> steps = workflow.sweptSteps().stream().map(Workflow.Step::name).toList();
    if (dryRun) {
      SweepRunner.Plan plan = sweeps.plan(workflow);
      out.printf("sweep %s (dry run): %d runs, %d cached, %d would run%n", workflow.name(), plan.runs().size(),
          plan.runs().stream().filter(SweepRunner.PlannedRun::cached).count(),
          plan.runs().stream().filter(r -> !r.cached()).count());
      for (WorkflowRunner.PlannedStage p : plan.upstream()) {
        out.printf("%-10s %-26s %s%n", p.stage(), p.id(), p.plan());
      }
      for (SweepRunner.PlannedRun r : plan.runs()) {
        String state = r.cached() ? "cached" : r.planError().isEmpty() ? "would run" : "would fail: " + r.planError();
        out.printf("%-28s %s  %s%n", r.run().key(), String.join(" ", r.plannedIds().values()), state);
      }
      out.flush();
      return 0;
    }
    long start = System.nanoTime();
    WorkerJvm jvm = threads == null ? WorkerJvm.ofThisProcess() : WorkerJvm.ofThisProcess().withThreads(threads);
    SweepRunner.Result result = sweeps.run(workflow, beam, jvm);
    List<SweepOutcome> failures = result.failures();
    out.printf("sweep %s: %d runs (%d cached, %d computed, %d failed) in %.1f s on %s, parallelism %d, %d threads per run%n",
        workflow.name(), result.outcomes().size(), count(result, SweepOutcome.Status.CACHED),
        count(result, SweepOutcome.Status.COMPUTED), failures.size(), (System.nanoTime() - start) / 1e9,
        beam.name(), beam.parallelism(), jvm.threads());
    for (WorkflowRunner.StageResult r : result.upstream()) {
      out.printf("%-28s %-26s %s%n", r.stage(), r.produced().artifact().id(), r.produced().cached() ? "cached" : "computed");
    }
    ArtifactStore artifacts = store.open();
    for (SweepOutcome o : result.outcomes()) {
      String metricsId = o.lastId(steps);
      out.printf("%-28s %-55s %-9s %7.1f s  %s%n", o.key(), String.join(" ", o.ids().values()),
          o.status().name().toLowerCase(Locale.ROOT), o.seconds(), testError(artifacts, metricsId));
    }
    if (!failures.isEmpty()) {
      out.printf("%d of %d runs failed (rerunning the sweep runs only these; logs under %s):%n", failures.size(),
          result.outcomes().size(), result.workDir());
      for (SweepOutcome f : failures) {
        out.printf("FAILED %s: stage %s exited %d: %s%n", f.key(), f.failedStage(), f.exitCode(), f.errorLine());
      }
      out.flush();
      return 1;
    }
    for (SweepRunner.Report report : result.reports()) {
      out.printf("%-28s %-26s %s%n", report.stage(), report.produced().artifact().id(),
          report.produced().cached() ? "cached" : "computed");
      Output.printDetails(out, report.produced().artifact());
    }
    out.println(result.reports().isEmpty() ? result.outcomes().get(result.outcomes().size() - 1).lastId(steps)
        : result.reports().get(result.reports().size() - 1).produced().artifact().id());
    out.flush();
    return 0;
  }

  private static long count(SweepRunner.Result result, SweepOutcome.Status status) {
    return result.outcomes().stream().filter(o -> o.status() == status).count();
  }

  /** The run's semi-supervised test error, as its metrics manifest records it. */
  private static String testError(ArtifactStore store, String metricsId) {
    Double accuracy = metricsId.isEmpty() ? null : store.find(metricsId)
        .map(Artifact::manifest)
        .map(m -> m.getMetrics().getValuesMap().get("semi_supervised_accuracy"))
        .orElse(null);
    return accuracy == null ? "" : String.format(Locale.ROOT, "test error %.2f%%", 100 * (1 - accuracy));
  }
}
