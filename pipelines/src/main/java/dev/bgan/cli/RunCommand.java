package dev.bgan.cli;

import dev.bgan.artifact.ArtifactStore;
import dev.bgan.workflow.Workflow;
import dev.bgan.workflow.WorkflowRunner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code bgan run WORKFLOW.yaml}: every stage of a workflow, reusing what the run cache holds. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run a workflow: each stage reuses its cached artifact unless it or an upstream stage is forced.")
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

  @Option(names = "--store", paramLabel = "DIR", description = "artifact store directory (default: $BGAN_STORE or ./artifacts)")
  Path store = Path.of(StoreOption.DEFAULT);

  @Override
  public Integer call() throws Exception {
    Workflow workflow = Workflow.read(workflowFile);
    long start = System.nanoTime();
    List<WorkflowRunner.StageResult> results = new WorkflowRunner(ArtifactStore.open(store))
        .run(workflow, overrides, only, new LinkedHashSet<>(forced));
    PrintWriter out = spec.commandLine().getOut();
    out.printf("workflow %s: %d stages in %.1f s%n", workflow.name(), results.size(), (System.nanoTime() - start) / 1e9);
    for (WorkflowRunner.StageResult r : results) {
      out.printf("%-10s %-26s %-9s %8.1f s%n", r.stage(), r.produced().artifact().id(),
          r.produced().cached() ? "cached" : "computed", r.seconds());
      Output.printDetails(out, r.produced().artifact());
    }
    out.println(results.get(results.size() - 1).produced().artifact().id());
    out.flush();
    return 0;
  }
}
