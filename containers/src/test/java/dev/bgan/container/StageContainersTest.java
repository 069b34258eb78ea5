package dev.bgan.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import dev.bgan.artifact.Artifact;
import dev.bgan.artifact.ArtifactStore;
import dev.bgan.proto.PayloadFile;
import dev.bgan.testing.DigitsNpy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;
import org.testcontainers.utility.DockerImageName;

/**
 * The digits workflow (prepare -> train -> evaluate -> report, training shortened) with every stage
 * in its own image on one shared store, through {@code bgan run --executor container}; the images
 * are containers/build.sh's (their tag read from containers/target/images.txt) and the engine is
 * queried through Testcontainers, apart from the executor's own docker command line. Skipped with
 * one line when no engine answers or the images are not built, except where
 * {@code -Dbgan.containers.required=true} (CI) makes that a failure.
 */
@Tag("containers")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StageContainersTest {
  private static final int ITERATIONS = 10;
  private static final List<String> STAGES = List.of("prepare", "train", "evaluate", "report");
  private static final Path REPO = Path.of(System.getProperty("bgan.repo.root", ".."));

  private static String tag;
  private static DockerClient docker;

  /** One store and one copy of the digits for the whole class: a test finds what an earlier one made in the cache. */
  @TempDir static Path tmp;

  @BeforeAll
  static void engineAndImages() throws IOException {
    String why = whyNotRunnable();
    if (why != null) {
      if (Boolean.getBoolean("bgan.containers.required")) {
        fail("StageContainersTest: " + why);
      }
      System.out.println("StageContainersTest skipped: " + why);
      Assumptions.abort(why);
    }
  }

  private static String whyNotRunnable() throws IOException {
    if (!DockerClientFactory.instance().isDockerAvailable()) {
      return "no container engine answers (start dockerd)";
    }
    Path images = REPO.resolve("containers/target/images.txt");
    if (!Files.exists(images)) {
      return "the stage images are not built (containers/build.sh)";
    }
    String first = Files.readAllLines(images, StandardCharsets.UTF_8).get(0);
    tag = first.substring(first.indexOf(':') + 1, first.indexOf(' '));
    docker = DockerClientFactory.instance().client();
    for (String stage : STAGES) {
      if (docker.listImagesCmd().withImageNameFilter(StageImage.reference(stage, tag)).exec().isEmpty()) {
        return "image " + StageImage.reference(stage, tag) + " is not in the engine (containers/build.sh)";
      }
    }
    return null;
  }

  @Test
  @Order(1)
  void fourStagesInFourContainersRecordTheirImagesAndRerunFromTheCache() throws IOException {
    Path store = tmp.resolve("store");
    List<String> args = digitsRun(store, "--executor", "container");
    BgCli first = BgCli.of(args).expectSuccess();
    Map<String, String> ids = ids(first, "computed");
    ArtifactStore artifacts = ArtifactStore.open(store);
    int uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    for (String stage : STAGES) {
      Artifact artifact = artifacts.find(ids.get(stage)).orElseThrow();
      String image = docker.inspectImageCmd(StageImage.reference(stage, tag)).exec().getId();
      assertEquals(image, artifact.manifest().getEnvironment().getContainerImage(), stage);
      assertTrue(artifacts.verify(artifact.id()).ok(), stage);
      assertEquals(uid, Files.getAttribute(artifact.dir().resolve("manifest.pb"), "unix:uid"), "owned by the invoking user");
    }
    assertEquals(ids.get("prepare"), artifacts.find(ids.get("train")).orElseThrow().manifest().getInputs(0).getId());

    // The second run starts no container: every stage is a cache hit on its image-keyed id.
    BgCli second = BgCli.of(args).expectSuccess();
    assertEquals(ids, ids(second, "cached"));
    assertTrue(docker.listContainersCmd().withShowAll(true).withNameFilter(List.of("bgan-")).exec().isEmpty());

    // The same stages in the launcher's JVM: other ids (no image in their keys), the same payload bytes.
    Path plain = tmp.resolve("in-process");
    Map<String, String> plainIds = ids(BgCli.of(digitsRun(plain)).expectSuccess(), "computed");
    ArtifactStore inProcess = ArtifactStore.open(plain);
    for (String stage : List.of("prepare", "train", "evaluate")) {
      assertTrue(!plainIds.get(stage).equals(ids.get(stage)), stage);
      assertEquals(payload(inProcess, plainIds.get(stage)), payload(artifacts, ids.get(stage)), stage + " payload");
      assertEquals("", inProcess.find(plainIds.get(stage)).orElseThrow().manifest().getEnvironment().getContainerImage());
    }

    // Testcontainers alone runs an image on the shared store: every artifact verifies inside it too.
    try (GenericContainer<?> verify = new GenericContainer<>(DockerImageName.parse(StageImage.reference("report", tag)))
        .withFileSystemBind(store.toString(), store.toString(), BindMode.READ_ONLY)
        .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withNetworkMode("none"))
        .withCommand("java", "-cp", ContainerExecutor.IMAGE_CLASSPATH, "dev.bgan.cli.Bgan", "artifacts", "verify",
            "--store", store.toString())
        .withStartupCheckStrategy(new OneShotStartupCheckStrategy().withTimeout(Duration.ofMinutes(2)))) {
      verify.start();
      String logs = verify.getLogs();
      for (String id : ids.values()) {
        assertTrue(logs.contains(id), logs);
      }
    }
  }

  @Test
  @Order(2)
  void aStageKilledInItsContainerPublishesNothing() throws Exception {
    Path store = tmp.resolve("store-killed");
    // The dataset of the first test, if it ran: prepare in a container is then a cache hit.
    if (Files.isDirectory(tmp.resolve("store"))) {
      copyArtifacts(tmp.resolve("store"), store, "dataset-");
    }
    BgCli.of(digitsRun(store, "--executor", "container", "--only", "prepare")).expectSuccess();
    List<String> longTraining = digitsRun(store, "--executor", "container", "--only", "train");
    longTraining.addAll(List.of("--set", "train.train_iter=100000"));
    CompletableFuture<BgCli> run = CompletableFuture.supplyAsync(() -> BgCli.of(longTraining));
    Path drafts = store.resolve(".tmp");
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    // Killed while it writes its model: once its draft exists.
    while (!hasModelDraft(drafts)) {
      if (run.isDone() || System.nanoTime() > deadline) {
        fail("the training never started writing: " + (run.isDone() ? run.get().err() : "timeout"));
      }
      Thread.sleep(200);
    }
    List<Container> running = docker.listContainersCmd().withNameFilter(List.of("bgan-train-")).exec();
    assertEquals(1, running.size());
    docker.killContainerCmd(running.get(0).getId()).exec();
    BgCli killed = run.get();
    assertEquals(2, killed.exitCode());
    String image = docker.inspectImageCmd(StageImage.reference("train", tag)).exec().getId();
    String line = killed.err().lines().filter(l -> l.startsWith("error: ")).reduce((a, b) -> b).orElseThrow();
    assertTrue(line.startsWith("error: stage train (image " + StageImage.reference("train", tag) + " ("
        + image.substring(0, "sha256:".length() + 12) + ")): killed (exit 137): "), line);
    assertTrue(line.endsWith("; nothing was published"), line);
    ArtifactStore artifacts = ArtifactStore.open(store);
    assertEquals(List.of("dataset"), artifacts.list().stream().map(a -> a.manifest().getKind()).toList());
    BgCli verify = BgCli.of(List.of("artifacts", "verify", "--store", store.toString()));
    assertEquals(0, verify.exitCode(), verify.out() + verify.err());
  }

  @Test
  @Order(3)
  void aStageFailingInItsContainerIsOneLineNamingStageAndImage() throws IOException {
    Path store = tmp.resolve("store-failing");
    // Bad input that the launcher can see (train labels for the test images) is refused before any container starts.
    List<String> mismatched = digitsRun(store, "--executor", "container");
    mismatched.addAll(List.of("--set", "prepare.train-y=" + tmp.resolve("y_te.npy")));
    BgCli refused = BgCli.of(mismatched);
    assertEquals(2, refused.exitCode());
    assertEquals("error: " + tmp.resolve("y_te.npy") + ": 360 labels for the 1437 images of " + tmp.resolve("x_tr.npy"),
        refused.err().strip());

    // A dataset that is not in the store: only the stage inside its container finds out.
    BgCli failed = BgCli.of(digitsRun(store, "--executor", "container", "--only", "train",
        "--input", "train.data=dataset-0123456789abcdef"));
    assertEquals(2, failed.exitCode());
    String line = failed.err().lines().filter(l -> l.startsWith("error: ")).reduce((a, b) -> b).orElseThrow();
    String image = docker.inspectImageCmd(StageImage.reference("train", tag)).exec().getId();
    assertTrue(line.startsWith("error: stage train (image " + StageImage.reference("train", tag) + " ("
        + image.substring(0, "sha256:".length() + 12) + ")): exit 2: "), line);
    assertTrue(line.contains("dataset-0123456789abcdef"), line);
    assertTrue(line.endsWith("; nothing was published"), line);
    assertEquals(List.of(), ArtifactStore.open(store).list());

    BgCli missing = BgCli.of(digitsRun(store, "--executor", "container", "--image-tag", "no-such-tag"));
    assertEquals(2, missing.exitCode());
    assertEquals("error: stage prepare: image bgan-prepare:no-such-tag is not built (containers/build.sh builds the"
        + " images of this code)", missing.err().strip());
  }

  /** {@code bgan run workflows/digits.yaml} on the digits .npy files in tmp, training shortened, the built images' tag unless given. */
  private static List<String> digitsRun(Path store, String... more) throws IOException {
    if (!Files.exists(tmp.resolve("x_tr.npy"))) {
      DigitsNpy.write(tmp);
    }
    List<String> args = new ArrayList<>(List.of("run", REPO.resolve("workflows/digits.yaml").toString(),
        "--store", store.toString(),
        "--set", "prepare.train-x=" + tmp.resolve("x_tr.npy"), "--set", "prepare.train-y=" + tmp.resolve("y_tr.npy"),
        "--set", "prepare.test-x=" + tmp.resolve("x_te.npy"), "--set", "prepare.test-y=" + tmp.resolve("y_te.npy"),
        "--set", "train.train_iter=" + ITERATIONS, "--set", "train.n_save=" + ITERATIONS / 2));
    args.addAll(List.of(more));
    if (!args.contains("--image-tag")) {
      args.addAll(List.of("--image-tag", tag));
    }
    return args;
  }

  /** Stage to id, each stage "computed" or "cached" as expected. */
  private static Map<String, String> ids(BgCli run, String how) {
    Map<String, String> ids = new LinkedHashMap<>();
    for (String[] f : run.stageLines()) {
      assertEquals(how, f[2], String.join(" ", f) + "\n" + run.out());
      ids.put(f[0], f[1]);
    }
    assertEquals(STAGES, List.copyOf(ids.keySet()), run.out());
    return ids;
  }

  /** Payload path to SHA-256, as the manifest declares (verification checked the files against it). */
  private static Map<String, String> payload(ArtifactStore store, String id) {
    return store.find(id).orElseThrow().manifest().getFilesList().stream()
        .collect(Collectors.toMap(PayloadFile::getPath, PayloadFile::getSha256));
  }

  /** Copies the published artifacts whose ids start with {@code prefix} (each a folder) from one store into another. */
  private static void copyArtifacts(Path from, Path to, String prefix) throws IOException {
    try (Stream<Path> artifacts = Files.list(from)) {
      for (Path artifact : artifacts.filter(p -> p.getFileName().toString().startsWith(prefix)).toList()) {
        try (Stream<Path> files = Files.walk(artifact)) {
          for (Path file : files.toList()) {
            Path target = to.resolve(from.relativize(file).toString());
            if (Files.isDirectory(file)) {
              Files.createDirectories(target);
            } else {
              Files.copy(file, target);
            }
          }
        }
      }
    }
  }

  private static boolean hasModelDraft(Path drafts) throws IOException {
    if (!Files.isDirectory(drafts)) {
      return false;
    }
    try (Stream<Path> entries = Files.list(drafts)) {
      return entries.anyMatch(p -> p.getFileName().toString().startsWith("model-"));
    }
  }
}
