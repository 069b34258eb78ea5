package dev.bgan.cli;

import dev.bgan.common.BadInputException;
import dev.bgan.container.ContainerEngine;
import dev.bgan.container.ContainerExecutor;
import dev.bgan.container.ContainerImages;
import dev.bgan.workflow.ExecutorChoice;
import dev.bgan.workflow.StageExecutor;
import dev.bgan.workflow.Workflow;
import dev.bgan.workflow.WorkflowRunner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code bgan run WORKFLOW.yaml}: every stage of a workflow, reusing what the run cache holds. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run a workflow: each stage reuses its cached artifact unless it is forced or an upstream stage is computed.")
final class RunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "WORKFLOW", description = "workflow YAML file")
  Path workflowFile;

  @Option(names = "--set", paramLabel = "STAGE.KEY=VALUE", description = "override a stage parameter or option")
  List<String> overrides = new ArrayList<>();

  @Option(names = "--only", paramLabel = "STAGE", description = "run this stage alone on cached upstream artifacts")
  String only;

  @Option(names = "--force", paramLabel = "STAGE", description = "recompute this stage and everything downstream")
  List<String> forced = new ArrayList<>();

  @Option(names = "--from", paramLabel = "STAGE",
      description = "recompute this stage and everything downstream; everything else must be cached")
  String from;

  @Option(names = "--input", paramLabel = "STAGE.ROLE=ID[,ID...]",
      description = "feed a stage these artifacts instead of its upstream stage's, e.g. evaluate.model=model-<id>")
  List<String> inputs = new ArrayList<>();

  @Option(names = "--dry-run", description = "print, per stage, the artifact id and whether it is cached or would run; run nothing")
  boolean dryRun;

  @Option(names = "--print-id", paramLabel = "STAGE",
      description = "print this stage's artifact id as the last line (default: the last stage's)")
  String printId;

  @Option(names = "--executor", paramLabel = "process|container",
      description = "where stages that name no executor run: in this JVM (process, the default) or each in its"
          + " container image bgan-STAGE:TAG (container; containers/build.sh builds the images)")
  String executor = ExecutorChoice.PROCESS;

  @Option(names = "--image-tag", paramLabel = "TAG",
      description = "the tag of the stage images a container stage runs in (default: this code's version and commit)")
  String imageTag;

  @Mixin StoreOption store;

  @Override
  public Integer call() throws Exception {
    Workflow workflow = Workflow.read(workflowFile);
    if (workflow.sweep() != null) {
      // One way to run a grid: its runs go through a Beam pipeline, never through this sequential runner.
      throw BadInputException.inFile(workflowFile, "declares a sweep: run it with bgan sweep " + workflowFile);
    }
    WorkflowRunner.Request request = new WorkflowRunner.Request(overrides, inputs, only, from, new LinkedHashSet<>(forced));
    if (printId != null && !workflow.steps().containsKey(printId)) {
      throw new BadInputException("--print-id " + printId + ": workflow " + workflow.name() + " has no such stage");
    }
    if (!ExecutorChoice.NAMES.contains(executor)) {
      throw new BadInputException("--executor " + executor + ": expected one of " + String.join(", ", ExecutorChoice.NAMES));
    }
    ContainerImages images = ContainerImages.of(ContainerEngine.configured(), imageTag);
    WorkflowRunner runner = new WorkflowRunner(store.open(), new ExecutorChoice(executor, Map.of(
        ExecutorChoice.PROCESS, step -> StageExecutor.IN_PROCESS,
        ExecutorChoice.CONTAINER, step -> new ContainerExecutor(step, images))));
    PrintWriter out = spec.commandLine().getOut();
    Map<String, String> ids = new LinkedHashMap<>();
    if (dryRun) {
      List<WorkflowRunner.PlannedStage> plan = runner.plan(workflow, request);
      out.printf("workflow %s (dry run): %d cached, %d would run%n", workflow.name(),
          plan.stream().filter(p -> p.plan() == WorkflowRunner.Plan.CACHED).count(),
          plan.stream().filter(p -> p.plan().runs()).count());
      for (WorkflowRunner.PlannedStage p : plan) {
        out.printf("%-10s %-26s %s%n", p.stage(), p.id(), p.plan());
        ids.put(p.stage(), p.id());
      }
    } else {
      long start = System.nanoTime();
      List<WorkflowRunner.StageResult> results = runner.run(workflow, request);
      out.printf("workflow %s: %d stages in %.1f s%n", workflow.name(), results.size(), (System.nanoTime() - start) / 1e9);
      for (WorkflowRunner.StageResult r : results) {
        out.printf("%-10s %-26s %-9s %8.1f s%n", r.stage(), r.produced().artifact().id(),
            r.produced().cached() ? "cached" : "computed", r.seconds());
        Output.printDetails(out, r.produced().artifact());
        ids.put(r.stage(), r.produced().artifact().id());
      }
    }
    String last = printId != null ? ids.get(printId) : List.copyOf(ids.values()).get(ids.size() - 1);
    if (last == null) {
      throw new BadInputException("--print-id " + printId + ": stage " + printId + " does not run here");
    }
    out.println(last);
    out.flush();
    return 0;
  }
}
