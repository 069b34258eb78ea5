package dev.bgan.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.util.JsonFormat;
import dev.bgan.artifact.Artifact;
import dev.bgan.artifact.ArtifactStore;
import dev.bgan.proto.EvaluationMetrics;
import dev.bgan.proto.PayloadFile;
import dev.bgan.testing.RealMnist;
import dev.bgan.train.ModelLayout;
import dev.bgan.train.TrainStage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole slice on real MNIST through the command line: prepare, a short semi-supervised
 * training, evaluation on the 10,000 test images, report; the run cache, determinism across
 * stores and seeds, and resuming after kill -9.
 */
@Tag("real-data")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndTest {
  /** Small enough for CI's two cores, long enough to learn something from 100 labels. */
  static final String[] TRAIN = {"--semi_supervised", "--N", "100", "--numz", "1", "--num_mcmc", "2",
      "--train_iter", "60", "--n_save", "20", "--gf_dim", "8", "--df_dim", "8", "--lr", "0.002",
      "--log_test_size", "500"};

  @TempDir static Path tmp;
  static Path store;
  static String dataId;
  static String modelId;

  @BeforeAll
  static void prepare() {
    store = tmp.resolve("store");
    dataId = prepareInto(store);
    assertTrue(dataId.startsWith("dataset-"), dataId);
  }

  /** Real MNIST prepared into a store through the command line; its dataset id. */
  static String prepareInto(Path storeDir) {
    return CliRun.of("prepare", "mnist", "--source", RealMnist.dir().toString(), "--store", storeDir.toString())
        .expectSuccess().lastLine();
  }

  static String[] train(Path storeDir, String data, String seed, String... extra) {
    List<String> args = new ArrayList<>(List.of("train", "--data", data, "--store", storeDir.toString(), "--random_seed", seed));
    args.addAll(List.of(TRAIN));
    args.addAll(List.of(extra));
    return args.toArray(String[]::new);
  }

  @Test
  @Order(1)
  void trainsEvaluatesAndReports() throws IOException {
    CliRun trained = CliRun.of(train(store, dataId, "1")).expectSuccess();
    modelId = trained.lastLine();
    assertTrue(modelId.startsWith("model-"), trained.out());
    assertTrue(trained.out().contains("(computed)"));
    assertTrue(CliRun.of(train(store, dataId, "1")).expectSuccess().out().contains("(cached)"));

    String metricsId = CliRun.of("evaluate", "--model", modelId, "--store", store.toString()).expectSuccess().lastLine();
    Artifact metrics = ArtifactStore.open(store).require(metricsId, "metrics");
    EvaluationMetrics.Builder m = EvaluationMetrics.newBuilder();
    JsonFormat.parser().merge(Files.readString(metrics.file("metrics.json"), StandardCharsets.UTF_8), m);
    assertEquals(10000, m.getTestCount());
    // Chance is 10%; 60 iterations on 100 labels get well past it.
    assertTrue(m.getSemiSupervisedAccuracy() > 0.3, m.toString());
    assertTrue(m.getSupervisedAccuracy() > 0.3, m.toString());
    assertEquals(2, m.getNumDiscriminatorSamples());
    assertEquals(List.of(40, 60), m.getAveragedIterationsList());
    assertEquals(2, m.getSampleGridsCount());
    assertTrue(Files.size(metrics.file(m.getSampleGrids(0))) > 100);

    String reportId = CliRun.of("report", "--metrics-ids", metricsId, "--store", store.toString()).expectSuccess().lastLine();
    String html = Files.readString(ArtifactStore.open(store).require(reportId, "report").file("report.html"));
    assertTrue(html.contains(String.format("%.2f", 100 * m.getSemiSupervisedAccuracy())), "report shows the accuracy");

    CliRun lineage = CliRun.of("artifacts", "lineage", reportId, "--store", store.toString()).expectSuccess();
    for (String sha : RealMnist.SHA256.values()) {
      assertTrue(lineage.out().contains(sha), lineage.out());
    }
    CliRun verify = CliRun.of("artifacts", "verify", "--store", store.toString()).expectSuccess();
    assertTrue(verify.out().contains("4 verified, 0 failed"), verify.out());
  }

  @Test
  @Order(2)
  void sameSeedGivesIdenticalBytesInAnotherStoreAndAnotherSeedDoesNot() throws IOException {
    Path other = tmp.resolve("other");
    String otherData = prepareInto(other);
    assertEquals(dataId, otherData);
    String again = CliRun.of(train(other, otherData, "1")).expectSuccess().lastLine();
    assertEquals(modelId, again);
    Map<String, String> first = payload(store, modelId);
    assertEquals(first, payload(other, again));
    for (String path : first.keySet()) {
      assertArrayEquals(Files.readAllBytes(store.resolve(modelId).resolve(path)),
          Files.readAllBytes(other.resolve(again).resolve(path)), path);
    }
    String seed2 = CliRun.of(train(other, otherData, "2")).expectSuccess().lastLine();
    assertNotEquals(modelId, seed2);
    Map<String, String> second = payload(other, seed2);
    String discriminator = ModelLayout.discriminator(ModelLayout.sampleDir(Path.of(""), 60), 0, TrainStage.VERSION)
        .toString();
    assertTrue(first.containsKey(discriminator), first.keySet().toString());
    assertNotEquals(first.get(discriminator), second.get(discriminator));
  }

  @Test
  @Order(3)
  void resumesAfterKillNineWithTheSameBytes() throws Exception {
    Path killed = tmp.resolve("killed");
    String data = prepareInto(killed);
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=" + System.getProperty("ai.djl.pytorch.num_threads", "2"),
        "-Dai.djl.pytorch.num_interop_threads=1", Bgan.class.getName()));
    command.addAll(List.of(train(killed, data, "1")));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(tmp.resolve("killed.log").toFile());
    builder.environment().put("OPT_OUT_TRACKING", "true");
    Process process = builder.start();
    Path checkpoint = killed.resolve(".work").resolve(modelId).resolve("checkpoint.params");
    long deadline = System.nanoTime() + 300_000_000_000L;
    while (!Files.exists(checkpoint) && process.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertTrue(Files.exists(checkpoint), "a checkpoint appeared before the run ended: " + Files.readString(tmp.resolve("killed.log")));
    process.destroyForcibly().waitFor();
    assertFalse(Files.exists(killed.resolve(modelId)), "a killed run publishes nothing");

    String resumed = CliRun.of(train(killed, data, "1")).expectSuccess().lastLine();
    assertEquals(modelId, resumed);
    assertEquals(payload(store, modelId), payload(killed, resumed), "resumed run equals the uninterrupted one");
    assertTrue(CliRun.of("artifacts", "verify", "--store", killed.toString()).expectSuccess().out().contains("0 failed"));
  }

  @Test
  @Order(4)
  void workflowReusesEverythingAndForceTrainSkipsPrepare() throws IOException {
    Path wfStore = tmp.resolve("wf");
    Path workflow = tmp.resolve("tiny.yaml");
    Files.writeString(workflow, String.join("\n",
        "name: tiny",
        "stages:",
        "  prepare: {run: prepare, options: {dataset: mnist, source: '" + RealMnist.dir() + "'}}",
        "  train:",
        "    run: train",
        "    inputs: {data: prepare}",
        "    params: {semi_supervised: true, N: 100, numz: 1, num_mcmc: 1, train_iter: 10, n_save: 5,"
            + " gf_dim: 4, df_dim: 4, log_test_size: 100}",
        "  evaluate: {run: evaluate, inputs: {model: train}, params: {grid_side: 4}}",
        "  report: {run: report, inputs: {metrics: [evaluate]}}",
        ""));
    String first = CliRun.of("run", workflow.toString(), "--store", wfStore.toString()).expectSuccess().out();
    assertEquals(4, count(first, "computed"), first);
    String second = CliRun.of("run", workflow.toString(), "--store", wfStore.toString()).expectSuccess().out();
    assertEquals(4, count(second, "cached"), second);
    String forced = CliRun.of("run", workflow.toString(), "--store", wfStore.toString(), "--force", "train")
        .expectSuccess().out();
    assertTrue(forced.lines().anyMatch(l -> l.startsWith("prepare") && l.contains("cached")), forced);
    assertEquals(3, count(forced, "computed"), forced);
    String changed = CliRun.of("run", workflow.toString(), "--store", wfStore.toString(), "--set", "evaluate.grid_side=5")
        .expectSuccess().out();
    assertEquals(2, count(changed, "computed"), "a new evaluate parameter reruns evaluate and report only: " + changed);
    String only = CliRun.of("run", workflow.toString(), "--store", wfStore.toString(), "--only", "evaluate",
        "--set", "evaluate.grid_side=6").expectSuccess().out();
    assertEquals(2, count(only, "cached"), only);
    assertEquals(1, count(only, "computed"), only);
    assertFalse(only.lines().anyMatch(l -> l.startsWith("report")), "--only runs nothing downstream: " + only);
  }

  @Test
  void badInputIsOneLineNamingTheFileAndPublishesNothing(@TempDir Path dir) throws IOException {
    for (String name : RealMnist.SHA256.keySet()) {
      Files.copy(RealMnist.file(name), dir.resolve(name));
    }
    Path labels = dir.resolve("t10k-labels-idx1-ubyte");
    byte[] bytes = Files.readAllBytes(labels);
    Files.write(labels, java.util.Arrays.copyOf(bytes, bytes.length - 10));
    Path badStore = dir.resolve("store");
    CliRun run = CliRun.of("prepare", "mnist", "--source", dir.toString(), "--store", badStore.toString());
    assertEquals(2, run.exitCode());
    assertEquals(1, run.err().lines().count(), run.err());
    assertTrue(run.err().contains(labels.toString()), run.err());
    assertTrue(ArtifactStore.open(badStore).list().isEmpty());
  }

  @Test
  void benchTrainPrintsOneLinePerGeneratorCount() {
    CliRun bench = CliRun.of("bench", "train", "--size", "8", "--gens", "1,2", "--iters", "2", "--warmup", "0",
        "--gf_dim", "4", "--df_dim", "4").expectSuccess();
    List<String> lines = bench.out().lines().filter(l -> l.startsWith("gens=")).toList();
    assertEquals(2, lines.size(), bench.out());
    assertTrue(lines.get(0).matches("gens=1 ms_per_iter=\\d+\\.\\d gflop_per_iter=\\d+\\.\\d\\d gflops=\\d+\\.\\d"
        + " pct_of_peak=\\d+\\.\\d limit_ms=\\d+\\.\\d x_limit=\\d+\\.\\d\\d( \\w+=\\d+%){6}"), lines.get(0));
    assertTrue(lines.get(1).startsWith("gens=2 "), lines.get(1));
    assertTrue(bench.out().lines().anyMatch(l -> l.matches("sgemm_peak_gflops=\\d+\\.\\d .*")), bench.out());
    assertTrue(bench.out().lines().anyMatch(l -> l.matches("peak_rss_mb=\\d+")), bench.out());
  }

  @Test
  void benchPrepareTimesEveryRunnerAndPythonOnTheSameFiles() {
    CliRun bench = CliRun.of("bench", "prepare", "--images", "60", "--parallelism", "2").expectSuccess();
    List<String> lines = bench.out().lines().filter(l -> !l.startsWith("#")).toList();
    assertEquals(List.of("python_pickle_numpy_load", "java_load", "prepare_direct", "prepare_flink_parallelism_2"),
        lines.stream().map(l -> l.split(" ")[0]).toList(), bench.out());
    assertTrue(lines.stream().allMatch(l -> l.matches(
        "\\S+ images=60 seconds=\\d+\\.\\d{3} images_per_s=\\d+\\.\\d( jvm_cpu_s=\\d+\\.\\d{3} jit_s=\\d+\\.\\d{3})?")),
        bench.out());
  }

  private static long count(String output, String word) {
    return output.lines().filter(l -> l.matches("^\\S+\\s+\\S+-[0-9a-f]{16}\\s+" + word + ".*")).count();
  }

  private static Map<String, String> payload(Path storeDir, String id) {
    return ArtifactStore.open(storeDir).require(id, null).manifest().getFilesList().stream()
        .collect(Collectors.toMap(PayloadFile::getPath, PayloadFile::getSha256));
  }

}
