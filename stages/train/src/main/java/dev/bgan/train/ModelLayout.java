package dev.bgan.train;

import java.nio.file.Path;

/**
 * File names inside a model artifact (and inside training's work directory, which becomes it):
 * {@code samples/iter-NNNNNN/generator-GG.params}, {@code samples/iter-NNNNNN/discriminator-DD.params}
 * (train version 1 held one discriminator, {@code discriminator.params}),
 * {@code supervised/discriminator.params}, {@code training_log.json}.
 */
public final class ModelLayout {
  public static final String SAMPLES = "samples";
  public static final String SUPERVISED = "supervised/discriminator.params";
  public static final String TRAINING_LOG = "training_log.json";

  private ModelLayout() {}

  public static Path sampleDir(Path root, int iteration) {
    return root.resolve(SAMPLES).resolve(String.format("iter-%06d", iteration));
  }

  public static Path generator(Path sampleDir, int index) {
    return sampleDir.resolve(String.format("generator-%02d.params", index));
  }

  /** Discriminator sample {@code index} in a model written by train stage version {@code trainVersion}. */
  public static Path discriminator(Path sampleDir, int index, int trainVersion) {
    return sampleDir.resolve(trainVersion == 1 ? "discriminator.params" : String.format("discriminator-%02d.params", index));
  }
}
