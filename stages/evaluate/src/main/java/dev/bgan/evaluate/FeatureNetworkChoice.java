package dev.bgan.evaluate;

import ai.djl.ndarray.NDManager;
import dev.bgan.artifact.ArtifactSpec;
import dev.bgan.artifact.ArtifactStore;
import dev.bgan.common.BadInputException;
import dev.bgan.common.Sha256;
import dev.bgan.dataset.ImageSplit;
import dev.bgan.evaluate.features.ClassifierFeatures;
import dev.bgan.evaluate.features.FeatureNetwork;
import dev.bgan.evaluate.features.TorchScriptFeatures;
import dev.bgan.proto.SourceFile;
import dev.bgan.train.classifier.ClassifierStage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Which network FID and IS use: none, a classifier artifact (an input of role {@value #ROLE}), or a
 * user's TorchScript file (a raw source of the metrics artifact, so its SHA-256 enters the cache key).
 */
public record FeatureNetworkChoice(String classifierId, Path torchScript) {
  public static final String ROLE = "classifier";
  public static final FeatureNetworkChoice NONE = new FeatureNetworkChoice(null, null);

  public FeatureNetworkChoice {
    if (classifierId != null && torchScript != null) {
      throw new BadInputException("give a classifier or a feature-net file, not both");
    }
  }

  public static FeatureNetworkChoice classifier(String id) {
    return new FeatureNetworkChoice(id, null);
  }

  public static FeatureNetworkChoice torchScript(Path file) {
    return new FeatureNetworkChoice(null, file);
  }

  public boolean isNone() {
    return classifierId == null && torchScript == null;
  }

  /** The spec with this network added; reads (hashes) the TorchScript file. */
  ArtifactSpec addTo(ArtifactSpec spec) {
    if (classifierId != null) {
      return spec.withInput(ROLE, classifierId);
    }
    if (torchScript != null) {
      return spec.withSources(List.of(source()));
    }
    return spec;
  }

  private SourceFile source() {
    if (!Files.isRegularFile(torchScript)) {
      throw BadInputException.inFile(torchScript, "no such feature network file");
    }
    try {
      return SourceFile.newBuilder().setName(torchScript.getFileName().toString())
          .setSha256(Sha256.ofFile(torchScript)).setSizeBytes(Files.size(torchScript)).setOrigin("local").build();
    } catch (IOException e) {
      throw BadInputException.inFile(torchScript, "cannot be read (" + e.getMessage() + ")");
    }
  }

  /** Loads the network for images of {@code shape}'s size. */
  FeatureNetwork open(ArtifactStore store, ImageSplit shape, NDManager manager) throws IOException {
    if (classifierId != null) {
      return ClassifierFeatures.load(store.require(classifierId, ClassifierStage.KIND), shape.channels(),
          shape.height(), shape.width(), manager);
    }
    return TorchScriptFeatures.load(torchScript, source().getSha256());
  }
}
