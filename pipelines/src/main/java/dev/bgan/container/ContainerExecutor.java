package dev.bgan.container;

import dev.bgan.common.BuildInfo;
import dev.bgan.pipelines.sweep.WorkerJvm;
import dev.bgan.workflow.ExecutorChoice;
import dev.bgan.workflow.StageExecutor;
import dev.bgan.workflow.StageRunner;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs each workflow stage in its image, {@code bgan-STAGE:TAG}: the same {@code bgan STAGE}
 * command a sweep worker runs as a child JVM, with the JVM settings of the launcher (threads
 * included, since results depend on them), inside a container that sees only the store and the
 * raw files the stage's options name.
 *
 */
public final class ContainerExecutor implements StageExecutor {
  private final ContainerEngine engine;
  private final String tag;
  private final WorkerJvm jvm;
  /** By stage: looked up once, so that every call of a stage in one run runs the same image id. */
  private final Map<String, StageImage> images = new ConcurrentHashMap<>();

  /**
   * @param engine the container engine
   * @param tag the images' tag
   * @param jvm the launcher's JVM settings, whose thread count and heap the stage JVMs get
   */
  public ContainerExecutor(ContainerEngine engine, String tag, WorkerJvm jvm) {
    this.engine = engine;
    this.tag = tag;
    this.jvm = jvm;
  }

  /** The images of this code's tag (or {@code tag} when given), run with this JVM's settings. */
  public static ContainerExecutor of(ContainerEngine engine, String tag) {
    return new ContainerExecutor(engine, tag != null ? tag : StageImage.tag(BuildInfo.codeVersion()),
        WorkerJvm.ofThisProcess());
  }

  ContainerEngine engine() {
    return engine;
  }

  WorkerJvm jvm() {
    return jvm;
  }

  @Override
  public String name() {
    return ExecutorChoice.CONTAINER;
  }

  @Override
  public StageRunner runnerFor(String step, StageRunner inProcess) {
    return new ContainerStageRunner(step, inProcess, this);
  }

  /** The stage's image; a one-line error when the engine is down or the image is not built. */
  StageImage image(String step, String stage) {
    return images.computeIfAbsent(stage, s -> engine.inspect(step, StageImage.reference(s, tag)));
  }
}
