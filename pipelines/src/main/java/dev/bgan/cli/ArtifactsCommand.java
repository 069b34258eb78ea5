package dev.bgan.cli;

import dev.bgan.artifact.Artifact;
import dev.bgan.artifact.ArtifactStore;
import dev.bgan.artifact.Lineage;
import dev.bgan.artifact.Verification;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code bgan artifacts verify|lineage|list|gc}. */
@Command(name = "artifacts", mixinStandardHelpOptions = true, description = "Inspect the artifact store.",
    subcommands = {ArtifactsCommand.Verify.class, ArtifactsCommand.LineageCommand.class, ArtifactsCommand.ListCommand.class,
        ArtifactsCommand.GcCommand.class})
final class ArtifactsCommand {
  @Mixin StoreOption store;

  ArtifactStore open() {
    return store.open();
  }

  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = "Check every byte of artifacts against their manifests (all artifacts if no id is given).")
  static final class Verify implements Callable<Integer> {
    @ParentCommand ArtifactsCommand parent;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "ID", arity = "0..*")
    List<String> ids = new ArrayList<>();

    @Override
    public Integer call() {
      ArtifactStore store = parent.open();
      List<String> targets = ids.isEmpty() ? store.list().stream().map(Artifact::id).toList() : ids;
      PrintWriter out = spec.commandLine().getOut();
      int failed = 0;
      for (String id : targets) {
        Verification v = store.verify(id);
        out.println(v.summary());
        if (!v.ok()) {
          failed++;
        }
      }
      out.printf("%d verified, %d failed%n", targets.size() - failed, failed);
      out.flush();
      return failed == 0 ? 0 : 1;
    }
  }

  @Command(name = "lineage", mixinStandardHelpOptions = true,
      description = "The chain of inputs of an artifact down to the raw source files and their SHA-256.")
  static final class LineageCommand implements Callable<Integer> {
    @ParentCommand ArtifactsCommand parent;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "ID")
    String id;

    @Override
    public Integer call() {
      ArtifactStore store = parent.open();
      store.require(id, null);
      spec.commandLine().getOut().print(new Lineage(store).render(id));
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Every artifact in the store, oldest first.")
  static final class ListCommand implements Callable<Integer> {
    @ParentCommand ArtifactsCommand parent;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      for (Artifact a : parent.open().list()) {
        out.printf("%-26s %-14s %s  %.1f s%n", a.id(), a.manifest().getStage(),
            Instant.ofEpochMilli(a.manifest().getTiming().getCreatedUnixMs()), a.manifest().getTiming().getWallMs() / 1000.0);
      }
      out.flush();
      return 0;
    }
  }

  @Command(name = "gc", mixinStandardHelpOptions = true,
      description = "Remove what killed or failed runs left behind (drafts, Beam scratch, replaced artifacts, lock files,"
          + " work folders of published models); what a running process owns is kept. Published artifacts are never touched.")
  static final class GcCommand implements Callable<Integer> {
    @ParentCommand ArtifactsCommand parent;
    @Spec CommandSpec spec;

    @picocli.CommandLine.Option(names = "--checkpoints",
        description = "also remove the training checkpoints of unfinished models (a rerun then starts from iteration 0)")
    boolean checkpoints;

    @Override
    public Integer call() throws java.io.IOException {
      ArtifactStore.Garbage garbage = parent.open().collectGarbage(checkpoints);
      PrintWriter out = spec.commandLine().getOut();
      garbage.removed().forEach(p -> out.println("removed " + p));
      garbage.busy().forEach(p -> out.println("kept " + p + " (a running process owns it)"));
      out.printf("%d removed (%.1f MB), %d kept%n", garbage.removed().size(), garbage.bytes() / 1e6, garbage.busy().size());
      out.flush();
      return 0;
    }
  }
}
