package dev.bgan.reproduce;

import dev.bgan.artifact.Artifact;
import dev.bgan.artifact.ArtifactStore;
import dev.bgan.artifact.Verification;
import dev.bgan.common.BadInputException;
import dev.bgan.common.ComputeThreads;
import dev.bgan.proto.Environment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Recomputes a published artifact from its recorded recipe into a scratch store and compares the
 * two: the id (equal by construction, else a bug), then every payload file's SHA-256, and for the
 * files that differ by how much. The user's store is only read.
 *
 * <p>What is promised: the same inputs, parameters (seed included), CPU kind
 * ({@code environment.cpu}) and thread count ({@code environment.intra_op_threads}) give the same
 * bytes. Another CPU kind or thread count gives the same id and may give other bytes; the
 * comparison says by how much.
 */
public final class ArtifactReproduction {
  /**
   * What to reproduce: the artifact {@code id} of {@code store}, with {@code threads} intra-op
   * threads (null: the count its manifest records), in {@code keep} (null: a temporary store,
   * removed afterwards), reading a prepared dataset's raw files from {@code sourceDir} (or null).
   */
  public record Request(ArtifactStore store, String id, Integer threads, Path keep, Path sourceDir) {}

  /** The original, its reproduction, the threads it ran with and the file-by-file comparison. */
  public record Outcome(Artifact original, Artifact reproduced, int threads, List<PayloadComparison.FileResult> files,
      Path keptIn) {
    public boolean identical() {
      return files.stream().allMatch(PayloadComparison.FileResult::same);
    }

    /** The comparison for people: one line per file, the details of those that differ, the environments. */
    public String render() {
      StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
          "%s (%s v%d) recomputed with %d thread(s) in a scratch store: the same id%n", original.id(),
          original.manifest().getStage(), original.manifest().getStageVersion(), threads));
      int width = files.stream().mapToInt(f -> f.path().length()).max().orElse(0);
      for (PayloadComparison.FileResult file : files) {
        out.append(String.format(Locale.ROOT, "%-" + width + "s  %s%n", file.path(), file.same() ? "same" : "differs"));
      }
      for (PayloadComparison.FileResult file : files) {
        if (!file.same()) {
          out.append(file.path()).append(":\n");
          file.details().forEach(line -> out.append("  ").append(line).append('\n'));
        }
      }
      out.append(environments(original.manifest().getEnvironment(), reproduced.manifest().getEnvironment()));
      long differing = files.stream().filter(f -> !f.same()).count();
      out.append(identical()
          ? String.format(Locale.ROOT, "%s: reproduced byte for byte (%d files)%n", original.id(), files.size())
          : String.format(Locale.ROOT, "%s: %d of %d files differ%n", original.id(), differing, files.size()));
      if (keptIn != null) {
        out.append("reproduction kept in the store ").append(keptIn).append('\n');
      }
      return out.toString();
    }
  }

  private ArtifactReproduction() {}

  public static Outcome run(Request request) throws IOException {
    ArtifactStore store = request.store();
    String id = store.resolve(request.id());
    Artifact original = store.find(id).orElseThrow(
        () -> new BadInputException("artifact " + id + " is not in the store " + store.root()));
    Verification verification = store.verify(id);
    if (!verification.ok()) {
      throw new BadInputException("artifact " + verification.summary()
          + " (reproduce compares with what an intact manifest records; artifacts verify " + id + ")");
    }
    StageRecipe recipe = StageRecipe.of(original.manifest(), request.sourceDir());
    if (request.threads() != null && request.threads() < 1) {
      throw BadInputException.inParameter("--threads", request.threads(), "must be >= 1");
    }
    int recorded = original.manifest().getEnvironment().getIntraOpThreads();
    int threads = request.threads() != null ? request.threads() : recorded > 0 ? recorded : ComputeThreads.count();
    Path scratch = scratchDir(request.keep());
    try {
      ArtifactStore scratchStore = ArtifactStore.open(scratch);
      ScratchStore.fill(store, original, scratch);
      Artifact reproduced = withThreads(threads, () -> recipe.stageRunner().run(recipe.call(scratchStore)).artifact());
      if (!reproduced.id().equals(id)) {
        throw new IllegalStateException("the recipe of " + id + " made " + reproduced.id()
            + ": the cache key of its recorded stage, parameters and inputs is not its id");
      }
      return new Outcome(original, reproduced, threads, PayloadComparison.compare(original, reproduced),
          request.keep() == null ? null : scratch);
    } finally {
      if (request.keep() == null) {
        ScratchStore.delete(scratch);
      }
    }
  }

  /** Runs {@code work} with {@link ComputeThreads} pinned to {@code threads}, then restores the setting. */
  private static <T> T withThreads(int threads, IoSupplier<T> work) throws IOException {
    String before = System.getProperty(ComputeThreads.PROPERTY);
    System.setProperty(ComputeThreads.PROPERTY, Integer.toString(threads));
    try {
      return work.get();
    } finally {
      if (before == null) {
        System.clearProperty(ComputeThreads.PROPERTY);
      } else {
        System.setProperty(ComputeThreads.PROPERTY, before);
      }
    }
  }

  @FunctionalInterface
  private interface IoSupplier<T> {
    T get() throws IOException;
  }

  private static Path scratchDir(Path keep) throws IOException {
    if (keep == null) {
      return Files.createTempDirectory("bgan-reproduce-");
    }
    if (Files.exists(keep)) {
      boolean empty;
      try (Stream<Path> entries = Files.list(keep)) {
        empty = entries.findAny().isEmpty();
      } catch (IOException e) {
        throw BadInputException.inParameter("--keep", keep, "is not a directory");
      }
      if (!empty) {
        throw BadInputException.inParameter("--keep", keep, "must be a new or empty directory");
      }
    }
    return Files.createDirectories(keep);
  }

  /** Both environments side by side, rows that differ marked {@code *}; nothing when they agree. */
  static String environments(Environment original, Environment reproduced) {
    List<Row> rows = List.of(
        new Row("cpu", Environment::getCpu),
        new Row("intra_op_threads", e -> Integer.toString(e.getIntraOpThreads())),
        new Row("available_processors", e -> Integer.toString(e.getAvailableProcessors())),
        new Row("engine", e -> e.getEngine() + " " + e.getEngineVersion()),
        new Row("djl_version", Environment::getDjlVersion),
        new Row("device", Environment::getDevice),
        new Row("java_version", Environment::getJavaVersion),
        new Row("os", e -> e.getOs() + " " + e.getArch()));
    if (rows.stream().allMatch(r -> r.value.apply(original).equals(r.value.apply(reproduced)))) {
      return "";
    }
    List<String[]> table = new ArrayList<>();
    table.add(new String[] {" ", "environment", "original", "reproduction"});
    for (Row row : rows) {
      String a = row.value.apply(original);
      String b = row.value.apply(reproduced);
      table.add(new String[] {a.equals(b) ? " " : "*", row.name, a, b});
    }
    int name = table.stream().mapToInt(r -> r[1].length()).max().orElse(0);
    int first = table.stream().mapToInt(r -> r[2].length()).max().orElse(0);
    StringBuilder out = new StringBuilder();
    for (String[] r : table) {
      out.append(String.format(Locale.ROOT, "%s %-" + name + "s  %-" + first + "s  %s", r[0], r[1], r[2], r[3])
          .stripTrailing()).append('\n');
    }
    return out.toString();
  }

  private record Row(String name, Function<Environment, String> value) {}
}
