package dev.bgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bgan.artifact.Artifact;
import dev.bgan.artifact.ArtifactSpec;
import dev.bgan.artifact.ArtifactStore;
import dev.bgan.artifact.CachePolicy;
import dev.bgan.proto.ArtifactManifest;
import dev.bgan.proto.PayloadFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bgan artifacts reproduce} (issue 14, item 4): a tiny model, its metrics and its dataset
 * recomputed byte for byte (exit 0); a stored artifact whose bytes are another seed's reported
 * tensor by tensor and metric by metric with both environments (exit 1); another stage version
 * and a dataset's missing raw files refused in one line (exit 2).
 */
class ReproduceCommandTest {
  @TempDir static Path tmp;
  static Path store;
  static String data;
  static String model;
  static String otherSeedModel;
  static String metrics;
  static String otherSeedMetrics;

  @BeforeAll
  static void trainTwoSeedsAndEvaluateThem() {
    store = tmp.resolve("store");
    data = bgan(store, "prepare", "synthetic", "--num_points", "200", "--num_clusters", "2", "--x_dim", "4",
        "--random_seed", "1").expectSuccess().lastLine();
    model = train("1");
    otherSeedModel = train("2");
    metrics = bgan(store, "evaluate", "--model", model).expectSuccess().lastLine();
    otherSeedMetrics = bgan(store, "evaluate", "--model", otherSeedModel).expectSuccess().lastLine();
  }

  private static String train(String seed) {
    return bgan(store, "train", "--data", data, "--arch", "fc", "--numz", "1", "--num_mcmc", "1", "--z_dim", "2",
        "--gf_dim", "4", "--df_dim", "4", "--batch_size", "16", "--train_iter", "20", "--n_save", "10",
        "--gen_observed", "200", "--random_seed", seed).expectSuccess().lastLine();
  }

  private static CliRun bgan(Path at, String... args) {
    String[] all = java.util.Arrays.copyOf(args, args.length + 2);
    all[args.length] = "--store";
    all[args.length + 1] = at.toString();
    return CliRun.of(all);
  }

  @Test
  void aModelItsMetricsAndItsDatasetAreReproducedByteForByte() throws IOException {
    CliRun run = bgan(store, "artifacts", "reproduce", model.substring(0, 12));
    assertEquals(0, run.exitCode(), run.out() + run.err());
    List<String> lines = run.out().lines().toList();
    assertTrue(lines.get(0).startsWith(model + " (train v"), run.out());
    assertTrue(lines.stream().anyMatch(l -> l.matches("samples/iter-0+10/generator-00\\.params +same")), run.out());
    assertFalse(run.out().contains("differs"), run.out());
    assertFalse(run.out().contains("environment"), "the same environment is not printed: " + run.out());
    assertTrue(run.out().endsWith(model + ": reproduced byte for byte ("
        + ArtifactStore.open(store).find(model).orElseThrow().manifest().getFilesCount() + " files)\n"), run.out());

    CliRun evaluated = bgan(store, "artifacts", "reproduce", metrics);
    assertEquals(0, evaluated.exitCode(), evaluated.out() + evaluated.err());
    assertTrue(evaluated.out().lines().anyMatch(l -> l.matches("metrics\\.json +same")), evaluated.out());

    CliRun prepared = bgan(store, "artifacts", "reproduce", data);
    assertEquals(0, prepared.exitCode(), prepared.out() + prepared.err());

    // The user's store is only read: nothing added, no scratch left behind.
    try (Stream<Path> entries = Files.list(store)) {
      assertTrue(entries.noneMatch(p -> p.getFileName().toString().contains("reproduce")));
    }
  }

  @Test
  void anotherSeedsBytesUnderTheIdAreReportedPerTensorWithBothEnvironments() throws IOException {
    Path other = tmp.resolve("other-machine");
    copyArtifact(data, other);
    forge(other, model, otherSeedModel, "Other CPU (avx2 fma avx)");
    CliRun run = bgan(other, "artifacts", "reproduce", model, "--keep", tmp.resolve("kept").toString());
    assertEquals(1, run.exitCode(), run.out() + run.err());
    String out = run.out();
    assertTrue(out.lines().anyMatch(l -> l.matches("samples/iter-0+20/generator-00\\.params +differs")), out);
    assertTrue(out.lines().anyMatch(l -> l.matches(
        "  tensor \\S+: max \\|difference\\| [0-9.e+-]+, [1-9]\\d* of [1-9]\\d* elements differ")), out);
    assertTrue(out.lines().anyMatch(l -> l.matches("  [1-9]\\d* of [1-9]\\d* tensors differ")), out);
    assertTrue(out.lines().anyMatch(l -> l.matches("\\* cpu +Other CPU \\(avx2 fma avx\\) +\\S.*")), out);
    assertTrue(out.lines().anyMatch(l -> l.matches("  engine +PyTorch \\S+ +PyTorch \\S+")), out);
    assertTrue(out.contains(model + ": ") && out.contains(" files differ"), out);
    assertTrue(Files.isDirectory(tmp.resolve("kept").resolve(model)), "--keep keeps the reproduction");
    assertTrue(Files.isDirectory(tmp.resolve("kept").resolve(data)), "and its inputs");
  }

  @Test
  void anotherSeedsMetricsUnderTheIdAreReportedPerMetric() throws IOException {
    Path other = tmp.resolve("other-metrics");
    copyArtifact(data, other);
    copyArtifact(model, other);
    forge(other, metrics, otherSeedMetrics, null);
    CliRun run = bgan(other, "artifacts", "reproduce", metrics);
    assertEquals(1, run.exitCode(), run.out() + run.err());
    assertTrue(run.out().lines().anyMatch(l -> l.matches("metrics\\.json +differs")), run.out());
    assertTrue(run.out().lines().anyMatch(l -> l.matches("  metric point_curve\\[\\d+]\\.modes: \\d+ -> \\d+")), run.out());
  }

  @Test
  void anotherStageVersionAndMissingInputsAreRefusedInOneLine() throws IOException {
    Path old = tmp.resolve("old-version");
    copyArtifact(data, old);
    Artifact original = ArtifactStore.open(store).find(model).orElseThrow();
    ArtifactManifest m = original.manifest();
    String oldId = ArtifactStore.open(old).produce(new ArtifactSpec(m.getKind(), m.getStage(), m.getStageVersion() - 1,
        new TreeMap<>(m.getParamsMap()), m.getInputsList(), m.getSourcesList()), CachePolicy.REUSE, draft -> {})
        .artifact().id();
    CliRun run = bgan(old, "artifacts", "reproduce", oldId);
    assertEquals(2, run.exitCode(), run.out() + run.err());
    assertEquals(1, run.err().lines().count(), run.err());
    assertTrue(run.err().startsWith("error: " + oldId + " was made by train version " + (m.getStageVersion() - 1)
        + " and this code runs train version " + m.getStageVersion() + ": it cannot reproduce another version"),
        run.err());

    String mnist = ArtifactStore.open(old).produce(ArtifactSpec.of("dataset", "prepare/mnist", 1,
        java.util.Map.of("dataset", "mnist", "num_shards", "4")).withSources(List.of(dev.bgan.proto.SourceFile.newBuilder()
        .setName("train-images-idx3-ubyte").setSha256("00").build())), CachePolicy.REUSE, draft -> {}).artifact().id();
    CliRun raw = bgan(old, "artifacts", "reproduce", mnist);
    assertEquals(2, raw.exitCode(), raw.out() + raw.err());
    assertEquals(1, raw.err().lines().count(), raw.err());
    assertTrue(raw.err().contains("raw files that are not in the store (train-images-idx3-ubyte): pass --source DIR"),
        raw.err());

    Path noData = tmp.resolve("no-data");
    copyArtifact(model, noData);
    CliRun missing = bgan(noData, "artifacts", "reproduce", model);
    assertEquals(2, missing.exitCode(), missing.out() + missing.err());
    assertTrue(missing.err().startsWith("error: the input " + data + " (data) of " + model + " is not in the store"),
        missing.err());
  }

  /** Copies one published artifact of the test store into {@code to}, as another machine's store would hold it. */
  private static void copyArtifact(String id, Path to) throws IOException {
    Path from = store.resolve(id);
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : files.toList()) {
        Path target = to.resolve(id).resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  /**
   * Publishes in {@code to}, under the recipe (and so the id) of {@code recipeId}, the payload that
   * {@code payloadId} holds: a sound artifact whose bytes are not what its recipe computes here, as
   * one made elsewhere would be. {@code cpu}, when given, is recorded as the machine's.
   */
  private static void forge(Path to, String recipeId, String payloadId, String cpu) throws IOException {
    ArtifactStore source = ArtifactStore.open(store);
    ArtifactManifest recipe = source.find(recipeId).orElseThrow().manifest();
    Artifact payload = source.find(payloadId).orElseThrow();
    ArtifactSpec spec = new ArtifactSpec(recipe.getKind(), recipe.getStage(), recipe.getStageVersion(),
        new TreeMap<>(recipe.getParamsMap()), recipe.getInputsList(), recipe.getSourcesList());
    String id = ArtifactStore.open(to).produce(spec, CachePolicy.REUSE, draft -> {
      for (PayloadFile file : payload.manifest().getFilesList()) {
        Path target = draft.dir().resolve(file.getPath());
        Files.createDirectories(target.getParent());
        Files.copy(payload.file(file.getPath()), target);
      }
      ArtifactManifest.Builder manifest = draft.manifest();
      manifest.setEnvironment(payload.manifest().getEnvironment());
      if (cpu != null) {
        manifest.getEnvironmentBuilder().setCpu(cpu);
      }
      if (payload.manifest().hasModel()) {
        manifest.setModel(payload.manifest().getModel());
      }
      if (payload.manifest().hasMetrics()) {
        manifest.setMetrics(payload.manifest().getMetrics());
      }
    }).artifact().id();
    assertEquals(recipeId, id);
  }
}
