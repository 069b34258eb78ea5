package dev.bgan.evaluate.features;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.bgan.artifact.Artifact;
import dev.bgan.common.BadInputException;
import dev.bgan.proto.ClassifierSummary;
import dev.bgan.proto.FeatureNetworkRef;
import dev.bgan.train.classifier.ClassifierStage;
import dev.bgan.train.classifier.EvaluationClassifier;
import java.io.IOException;

/** The evaluation classifier of a {@code train-classifier} artifact: penultimate features, softmax of the logits. */
public final class ClassifierFeatures implements FeatureNetwork {
  private final EvaluationClassifier classifier;
  private final NDManager manager;
  private final FeatureNetworkRef ref;

  private ClassifierFeatures(EvaluationClassifier classifier, NDManager manager, FeatureNetworkRef ref) {
    this.classifier = classifier;
    this.manager = manager;
    this.ref = ref;
  }

  /** Loads the classifier of {@code artifact}, which must take images of the given shape. */
  public static ClassifierFeatures load(Artifact artifact, int channels, int height, int width, NDManager parent)
      throws IOException {
    ClassifierSummary summary = artifact.manifest().getClassifier();
    if (summary.getChannels() != channels || summary.getHeight() != height || summary.getWidth() != width) {
      throw new BadInputException(String.format("classifier %s takes %dx%dx%d images, the model makes %dx%dx%d",
          artifact.id(), summary.getHeight(), summary.getWidth(), summary.getChannels(), height, width, channels));
    }
    String trainedWidth = artifact.manifest().getParamsOrDefault("width", "");
    NDManager manager = parent.newSubManager();
    try {
      EvaluationClassifier classifier = EvaluationClassifier.load(artifact.dir().resolve(ClassifierStage.DIR), summary,
          Integer.parseInt(trainedWidth), manager);
      return new ClassifierFeatures(classifier, manager, FeatureNetworkRef.newBuilder().setKind("classifier")
          .setArtifactId(artifact.id()).setFeatureDim(summary.getFeatureDim()).build());
    } catch (IOException | RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  @Override
  public Outputs apply(NDArray images) {
    NDList out = classifier.featuresAndLogits(images);
    return new Outputs(FeatureNetwork.rows(out.get(0)), FeatureNetwork.rows(out.get(1).softmax(1)));
  }

  @Override
  public boolean hasProbabilities() {
    return true;
  }

  @Override
  public FeatureNetworkRef describe() {
    return ref;
  }

  @Override
  public void close() {
    manager.close();
  }
}
