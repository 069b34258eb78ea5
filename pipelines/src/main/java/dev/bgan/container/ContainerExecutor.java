package dev.bgan.container;

import dev.bgan.artifact.Artifact;
import dev.bgan.artifact.ArtifactSpec;
import dev.bgan.artifact.ArtifactStore;
import dev.bgan.artifact.CacheKey;
import dev.bgan.artifact.CachePolicy;
import dev.bgan.artifact.Verification;
import dev.bgan.common.BadInputException;
import dev.bgan.pipelines.sweep.StageInvocation;
import dev.bgan.pipelines.sweep.StageProcess;
import dev.bgan.pipelines.sweep.WorkerJvm;
import dev.bgan.prepare.stage.PrepareRunner;
import dev.bgan.stage.StageCall;
import dev.bgan.stage.StageRunner;
import dev.bgan.workflow.StageExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs workflow stage {@code step} in its image, {@code bgan-STAGE:TAG}: the same {@code bgan STAGE}
 * command a sweep worker runs as a child JVM, with the launcher's JVM settings (threads included,
 * since results depend on them). The runner's parameters, inputs and checks stay the stage's own;
 * its artifact id is the in-process id keyed with the image id ({@link CacheKey#inImage}), so a
 * cache hit starts no container. A run starts the command with the store bind-mounted at the same
 * path, the raw files its options name mounted read-only, no network (a dataset download
 * excepted), as the invoking user. The stage publishes atomically inside the container: one that
 * fails or is killed leaves nothing published.
 */
public final class ContainerExecutor implements StageExecutor {
  private static final Logger LOG = LoggerFactory.getLogger(ContainerExecutor.class);
  /** Where containers/build.sh puts the jars: the launcher's layout, bgan.jar and lib/. */
  static final String IMAGE_CLASSPATH = "/opt/bgan/bgan.jar:/opt/bgan/lib/*";
  /** Writable in the image for any user; the user running the stage has no home there. */
  static final String HOME = "/tmp";

  private final String step;
  private final ContainerImages images;

  /**
   * @param step the stage's name in the workflow, which errors and the container's name give
   * @param images the run's images, shared by its stages
   */
  public ContainerExecutor(String step, ContainerImages images) {
    this.step = step;
    this.images = images;
  }

  @Override
  public String plannedId(StageRunner stage, StageCall call) throws IOException {
    return CacheKey.inImage(stage.plannedId(call), image(stage).id()).artifactId(stage.outputKind());
  }

  @Override
  public ArtifactStore.Produced execute(StageRunner stage, StageCall call) throws IOException {
    StageImage image = image(stage);
    String id = plannedId(stage, call);
    ArtifactStore store = call.store();
    if (call.policy() != CachePolicy.FORCE) {
      Optional<Artifact> cached = store.find(id);
      if (cached.isPresent()) {
        Verification verification = store.checkCached(id);
        if (!verification.ok()) {
          throw new BadInputException("cached artifact " + verification.summary() + " (rerun with --force to replace it)");
        }
        return new ArtifactStore.Produced(cached.get(), true);
      }
      if (call.policy() == CachePolicy.CACHED_ONLY) {
        throw new BadInputException("stage " + step + " has no cached artifact " + id
            + " for these parameters, inputs and image " + image + " (run it first)");
      }
    }
    String container = "bgan-" + step + "-" + UUID.randomUUID().toString().substring(0, 8);
    // A launcher stopped by Ctrl-C or kill takes its container with it; the stage publishes nothing then.
    Thread removal = new Thread(() -> images.engine().forceRemove(container));
    Runtime.getRuntime().addShutdownHook(removal);
    List<String> stderr = new ArrayList<>();
    ContainerEngine.Captured result;
    try {
      result = images.engine().run(runArguments(stage, call, image, container), step, image, line -> {
        stderr.add(line);
        System.err.println(line);
      });
    } finally {
      Runtime.getRuntime().removeShutdownHook(removal);
    }
    if (result.exit() != 0) {
      throw new BadInputException("stage " + step + " (image " + image + "): " + exit(result.exit()) + ": "
          + StageProcess.lastErrorLine(stderr, result.exit()).replaceFirst("^error: ", "") + "; nothing was published");
    }
    List<String> stdout = result.stdout().lines().filter(l -> !l.isBlank()).toList();
    String made = stdout.isEmpty() ? "(nothing)" : stdout.get(stdout.size() - 1).strip();
    if (!made.equals(id)) {
      throw new BadInputException("stage " + step + " (image " + image + ") made " + made + " where this launcher planned "
          + id + ": the image holds other code than the launcher (containers/build.sh rebuilds it)");
    }
    Artifact artifact = store.find(id).orElseThrow(() -> new BadInputException("stage " + step + " (image " + image
        + ") reported " + id + ", which is not in the store " + store.root()));
    boolean computed = stdout.stream().anyMatch(line -> line.strip().endsWith(id + " (computed)"));
    return new ArtifactStore.Produced(artifact, !computed);
  }

  private StageImage image(StageRunner stage) {
    return images.image(step, stage.name());
  }

  /** {@code docker run}'s arguments: the container's isolation, mounts, environment, image id, and the stage's command. */
  private List<String> runArguments(StageRunner stage, StageCall call, StageImage image, String container) throws IOException {
    Path store = call.store().root().toAbsolutePath().normalize();
    boolean download = Boolean.parseBoolean(call.options().getOrDefault(PrepareRunner.DOWNLOAD, "false"));
    if (download) {
      LOG.warn("stage {}: its container has the network, to download the dataset (every other stage runs without)", step);
    }
    List<String> args = new ArrayList<>(List.of("--rm", "--name", container, "--user", invokingUser(),
        "--network", download ? "bridge" : "none",
        "--volume", store + ":" + store, "--workdir", Path.of("").toAbsolutePath().toString()));
    for (Path path : namedPaths(call)) {
      args.addAll(List.of("--volume", path + ":" + path + ":ro"));
    }
    WorkerJvm jvm = new WorkerJvm("java", IMAGE_CLASSPATH, images.jvm().threads(), image.gitCommit(),
        images.jvm().maxHeap());
    jvm.environment().forEach((name, value) -> args.addAll(List.of("--env", name + "=" + value)));
    args.addAll(List.of("--env", "HOME=" + HOME, image.id()));
    List<String> command = new ArrayList<>(jvm.command(new StageInvocation(step, stage.name(), call.params(),
        call.options(), call.inputs()).arguments(store, call.inputs(), call.policy() == CachePolicy.FORCE)));
    // After "java": the image the stage runs in (it enters the artifact's key), and a home its user can write.
    command.addAll(1, List.of("-D" + ArtifactSpec.IMAGE_PROPERTY + "=" + image.id(), "-Duser.home=" + HOME));
    args.addAll(command);
    return args;
  }

  /**
   * The files and folders the stage's options name (raw data, a feature network), absolute: the
   * container sees them read-only at the same paths, and relative ones from the same working folder.
   */
  private static Set<Path> namedPaths(StageCall call) {
    Set<Path> paths = new TreeSet<>();
    for (String value : call.options().values()) {
      try {
        Path path = Path.of(value);
        if (!value.isBlank() && Files.exists(path)) {
          paths.add(path.toAbsolutePath().normalize());
        }
      } catch (InvalidPathException e) {
        // Not a path: a dataset name, a number.
      }
    }
    return paths;
  }

  /** {@code UID:GID} of this process, so that what the stage writes belongs to whoever ran bgan. */
  private static String invokingUser() throws IOException {
    Path self = Path.of("/proc/self");
    return Files.getAttribute(self, "unix:uid") + ":" + Files.getAttribute(self, "unix:gid");
  }

  private static String exit(int code) {
    return switch (code) {
      case 137 -> "killed (exit 137)";
      case 143 -> "terminated (exit 143)";
      default -> "exit " + code;
    };
  }
}
