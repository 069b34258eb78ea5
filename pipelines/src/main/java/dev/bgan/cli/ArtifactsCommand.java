package dev.bgan.cli;

import dev.bgan.artifact.Artifact;
import dev.bgan.artifact.ArtifactStore;
import dev.bgan.artifact.Lineage;
import dev.bgan.artifact.Verification;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code bgan artifacts list|show|diff|lineage|verify|gc|reproduce}. They only read the store (gc
 * removes leftovers; reproduce works in a scratch store): a missing store is an error, not created. Every ID may be a unique prefix of an id
 * or of its hex digits.
 */
@Command(name = "artifacts", mixinStandardHelpOptions = true, description = "Inspect the artifact store.",
    subcommands = {ArtifactsCommand.ListCommand.class, ArtifactsCommand.Show.class, ArtifactsCommand.Diff.class,
        ArtifactsCommand.LineageCommand.class, ArtifactsCommand.Verify.class, ArtifactsCommand.GcCommand.class,
        ArtifactsCommand.Reproduce.class})
final class ArtifactsCommand {
  @Mixin StoreOption store;

  ArtifactStore open() {
    return store.openExisting();
  }

  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "One artifact's manifest: kind, stage, code and environment (cpu included), inputs, sources,"
          + " parameters, files and metrics (or its dataset/model summary).")
  static final class Show implements Callable<Integer> {
    @ParentCommand ArtifactsCommand parent;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "artifact id or a unique prefix of it")
    String id;

    @Override
    public Integer call() {
      spec.commandLine().getOut().print(ManifestSummary.render(find(parent.open(), id)));
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  @Command(name = "diff", mixinStandardHelpOptions = true,
      description = "Two artifacts side by side: stage, code, environment, inputs, parameters and metrics; rows that"
          + " differ are marked *. Exit 0 whether or not they differ.")
  static final class Diff implements Callable<Integer> {
    @ParentCommand ArtifactsCommand parent;
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID1", description = "artifact id or a unique prefix of it")
    String first;

    @Parameters(index = "1", paramLabel = "ID2", description = "artifact id or a unique prefix of it")
    String second;

    @picocli.CommandLine.Option(names = "--changed", description = "only the rows that differ")
    boolean changedOnly;

    @Override
    public Integer call() {
      ArtifactStore store = parent.open();
      Artifact a = find(store, first);
      Artifact b = find(store, second);
      spec.commandLine().getOut().print(ManifestDiff.render(a, b, changedOnly).text());
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  /** The artifact an id or prefix names, its manifest read (not verified: show and diff only read it). */
  static Artifact find(ArtifactStore store, String idOrPrefix) {
    String id = store.resolve(idOrPrefix);
    return store.find(id).orElseThrow(
        () -> new dev.bgan.common.BadInputException("artifact " + id + " is not in the store " + store.root()));
  }

  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = "Check every byte of artifacts against their manifests (all artifacts if no id is given).")
  static final class Verify implements Callable<Integer> {
    @ParentCommand ArtifactsCommand parent;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "ID", arity = "0..*", description = "artifact ids or unique prefixes (default: all)")
    List<String> ids = new ArrayList<>();

    @Override
    public Integer call() {
      ArtifactStore store = parent.open();
      // Unknown or ambiguous ids are the user's error (exit 2) before anything is checked.
      List<String> targets = ids.isEmpty() ? store.list().stream().map(Artifact::id).toList()
          : ids.stream().map(id -> find(store, id).id()).toList();
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

    @Parameters(paramLabel = "ID", description = "artifact id or a unique prefix of it")
    String id;

    @Override
    public Integer call() {
      ArtifactStore store = parent.open();
      String resolved = store.require(store.resolve(id), null).id();
      spec.commandLine().getOut().print(new Lineage(store).render(resolved));
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "Every artifact in the store, oldest first, as a table: id, kind, stage and version, created (UTC),"
          + " wall time; --params adds key parameters, --metrics headline metrics.")
  static final class ListCommand implements Callable<Integer> {
    @ParentCommand ArtifactsCommand parent;
    @Spec CommandSpec spec;

    @picocli.CommandLine.Option(names = "--kind", paramLabel = "KIND",
        description = "only artifacts of this kind: dataset, model, metrics, report, classifier")
    String kind;

    @picocli.CommandLine.Option(names = "--params",
        description = "key parameters: numz, num_mcmc, optimizer, train_iter, random_seed, ... and every parameter"
            + " whose value differs between the listed artifacts of a stage")
    boolean params;

    @picocli.CommandLine.Option(names = "--metrics",
        description = "headline metrics: semi_supervised_accuracy, supervised_accuracy, fid_pooled,"
            + " inception_score_pooled, js_divergence, modes (artifacts show ID prints all)")
    boolean metrics;

    static final List<String> KINDS = List.of("dataset", "model", "metrics", "report", "classifier");

    @Override
    public Integer call() {
      if (kind != null && !KINDS.contains(kind)) {
        throw dev.bgan.common.BadInputException.inParameter("--kind", kind, "must be one of " + String.join(", ", KINDS));
      }
      List<Artifact> artifacts = parent.open().list().stream()
          .filter(a -> kind == null || a.manifest().getKind().equals(kind)).toList();
      PrintWriter out = spec.commandLine().getOut();
      out.print(ArtifactListing.render(artifacts, params, metrics));
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

  @Command(name = "reproduce", mixinStandardHelpOptions = true,
      description = "Recompute an artifact from its recorded stage, parameters and inputs in a scratch store (with the"
          + " thread count its manifest records) and compare: one line per payload file (same/differs), per tensor"
          + " and per metric differences, both environments where they differ. Exit 0: the same bytes; 1: other"
          + " bytes; 2: it cannot be reproduced here (another stage version, raw files not given).")
  static final class Reproduce implements Callable<Integer> {
    @ParentCommand ArtifactsCommand parent;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "artifact id or a unique prefix of it")
    String id;

    @picocli.CommandLine.Option(names = "--threads", paramLabel = "N",
        description = "intra-op threads to recompute with (default: those the manifest records)")
    Integer threads;

    @picocli.CommandLine.Option(names = "--keep", paramLabel = "DIR",
        description = "keep the scratch store in DIR (new or empty) instead of removing it")
    java.nio.file.Path keep;

    @picocli.CommandLine.Option(names = "--source", paramLabel = "DIR",
        description = "a prepared dataset's raw files (as for bgan prepare DATASET --source DIR)")
    java.nio.file.Path source;

    @Override
    public Integer call() throws java.io.IOException {
      dev.bgan.reproduce.ArtifactReproduction.Outcome outcome = dev.bgan.reproduce.ArtifactReproduction.run(
          new dev.bgan.reproduce.ArtifactReproduction.Request(parent.open(), id, threads, keep, source));
      PrintWriter out = spec.commandLine().getOut();
      out.print(outcome.render());
      out.flush();
      return outcome.identical() ? 0 : 1;
    }
  }
}
