package dev.bgan.container;

import dev.bgan.common.BuildInfo;
import dev.bgan.pipelines.sweep.WorkerJvm;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The stage images one run uses, {@code bgan-STAGE:TAG}, the engine that runs them and the JVM
 * settings their stage JVMs get: what the {@link ContainerExecutor}s of a run's stages share.
 */
public final class ContainerImages {
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
  public ContainerImages(ContainerEngine engine, String tag, WorkerJvm jvm) {
    this.engine = engine;
    this.tag = tag;
    this.jvm = jvm;
  }

  /** The images of this code's tag (or {@code tag} when given), run with this JVM's settings. */
  public static ContainerImages of(ContainerEngine engine, String tag) {
    return new ContainerImages(engine, tag != null ? tag : StageImage.tag(BuildInfo.codeVersion()),
        WorkerJvm.ofThisProcess());
  }

  ContainerEngine engine() {
    return engine;
  }

  WorkerJvm jvm() {
    return jvm;
  }

  /** The image of stage {@code stage}; a one-line error naming {@code step} when the engine is down or the image is not built. */
  StageImage image(String step, String stage) {
    return images.computeIfAbsent(stage, s -> engine.inspect(step, StageImage.reference(s, tag)));
  }
}
