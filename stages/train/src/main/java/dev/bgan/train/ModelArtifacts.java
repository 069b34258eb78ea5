package dev.bgan.train;

import dev.bgan.artifact.Artifact;
import dev.bgan.common.BadInputException;
import dev.bgan.proto.ArtifactManifest;
import dev.bgan.proto.ModelSummary;
import dev.bgan.proto.PayloadFile;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The summary of a model artifact, checked against its payload's file list before a stage reads the
 * samples it names: a manifest edited and resealed by hand (the seal is a checksum, not a signature)
 * whose saved iterations, sample counts or supervised baseline name files the model does not hold is
 * one line, not a missing-file trace deep in evaluation. Only names are compared; the bytes are the
 * verification's business.
 */
public final class ModelArtifacts {
  private ModelArtifacts() {}

  public static ModelSummary summary(Artifact model) {
    ArtifactManifest manifest = model.manifest();
    if (!manifest.hasModel()) {
      throw new BadInputException("artifact " + model.id() + " has no model summary");
    }
    ModelSummary summary = manifest.getModel();
    Set<String> payload = manifest.getFilesList().stream().map(PayloadFile::getPath).collect(Collectors.toSet());
    if (!summary.getSavedIterationsList().isEmpty() && summary.getNumGeneratorSamples() < 1) {
      throw inconsistent(model, "num_generator_samples is " + summary.getNumGeneratorSamples());
    }
    int previous = -1;
    for (int iteration : summary.getSavedIterationsList()) {
      if (iteration <= previous) {
        throw inconsistent(model, "saved iteration " + iteration + " does not follow " + previous);
      }
      if (iteration > summary.getIterations()) {
        throw inconsistent(model, "saved iteration " + iteration + " is beyond its " + summary.getIterations()
            + " iterations");
      }
      previous = iteration;
      Path dir = ModelLayout.sampleDir(Path.of(""), iteration);
      String prefix = dir.toString().replace('\\', '/') + "/";
      if (payload.stream().noneMatch(f -> f.startsWith(prefix))) {
        throw inconsistent(model, "saved_iterations names " + prefix + ", which it does not hold");
      }
      for (int g = 0; g < summary.getNumGeneratorSamples(); g++) {
        requireFile(model, payload, ModelLayout.generator(dir, g), "num_generator_samples");
      }
      for (int k = 0; k < Math.max(1, summary.getNumDiscriminatorSamples()); k++) {
        requireFile(model, payload, ModelLayout.discriminator(dir, k, manifest.getStageVersion()),
            "num_discriminator_samples");
      }
    }
    if (summary.getHasSupervisedBaseline()) {
      requireFile(model, payload, Path.of(ModelLayout.SUPERVISED), "has_supervised_baseline");
    }
    return summary;
  }

  private static void requireFile(Artifact model, Set<String> payload, Path file, String field) {
    String name = file.toString().replace('\\', '/');
    if (!payload.contains(name)) {
      throw inconsistent(model, field + " names " + name + ", which it does not hold");
    }
  }

  private static BadInputException inconsistent(Artifact model, String problem) {
    return new BadInputException("model " + model.id() + ": its manifest is inconsistent: " + problem);
  }
}
