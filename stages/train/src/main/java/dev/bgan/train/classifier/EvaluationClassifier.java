package dev.bgan.train.classifier;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import dev.bgan.common.Seeds;
import dev.bgan.proto.ClassifierSummary;
import dev.bgan.train.nn.Network;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A small convolutional classifier in two parts: {@code features} (two 3x3 convolutions with batch
 * norm, ReLU and 2x2 max pooling, then a linear layer to {@code feature_dim} with ReLU) and
 * {@code head} (a linear layer to the K class logits). FID compares the features, the Inception
 * Score averages over the softmax of the logits. Inputs are NCHW images scaled to [-1, 1], as the
 * generators produce them.
 */
public final class EvaluationClassifier {
  /** How the network is built, for the manifest. */
  public static String architecture(int width, int featureDim, int numClasses) {
    return String.format("conv3x3(%d)-bn-relu-maxpool2, conv3x3(%d)-bn-relu-maxpool2, fc(%d)-relu, fc(%d)", width,
        2 * width, featureDim, numClasses);
  }
  static final String FEATURES_FILE = "features.params";
  static final String HEAD_FILE = "head.params";

  private final Network features;
  private final Network head;

  private EvaluationClassifier(Network features, Network head) {
    this.features = features;
    this.head = head;
  }

  /** A freshly initialised classifier for images of {@code summary}'s shape and classes. */
  public static EvaluationClassifier create(ClassifierSummary summary, int width, long seed, NDManager manager) {
    Network features = Network.create(featuresBlock(width, summary.getFeatureDim()), manager,
        new Shape(1, summary.getChannels(), summary.getHeight(), summary.getWidth()),
        Seeds.child(seed, "classifier-features", 0));
    Network head = Network.create(Linear.builder().setUnits(summary.getNumClasses()).build(), manager,
        new Shape(1, summary.getFeatureDim()), Seeds.child(seed, "classifier-head", 0));
    return new EvaluationClassifier(features, head);
  }

  /** The classifier saved in {@code dir} by {@link #save}, trained with {@code width}. */
  public static EvaluationClassifier load(Path dir, ClassifierSummary summary, int width, NDManager manager)
      throws IOException {
    EvaluationClassifier classifier = create(summary, width, 0, manager);
    classifier.features.load(dir.resolve(FEATURES_FILE), manager);
    classifier.head.load(dir.resolve(HEAD_FILE), manager);
    return classifier;
  }

  private static Block featuresBlock(int width, int featureDim) {
    SequentialBlock block = new SequentialBlock();
    for (int maps : new int[] {width, 2 * width}) {
      block.add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(maps).build())
          .add(BatchNorm.builder().build())
          .add(Activation::relu)
          .add(Pool.maxPool2dBlock(new Shape(2, 2)));
    }
    return block.add(Blocks.batchFlattenBlock())
        .add(Linear.builder().setUnits(featureDim).build())
        .add(Activation::relu);
  }

  /** Penultimate-layer features of a batch, shape (n, feature_dim). */
  public NDArray features(NDArray images, boolean training) {
    return features.forward(images, training);
  }

  /** Class logits of a batch, shape (n, K). */
  public NDArray logits(NDArray images, boolean training) {
    return head.forward(features(images, training), training);
  }

  /** Features and logits of a batch in evaluation mode, the features computed once. */
  public NDList featuresAndLogits(NDArray images) {
    NDArray f = features(images, false);
    return new NDList(f, head.forward(f, false));
  }

  /** Every array the optimiser moves: the features' then the head's. */
  List<NDArray> trainable() {
    List<NDArray> arrays = new ArrayList<>(features.trainable());
    arrays.addAll(head.trainable());
    return arrays;
  }

  void save(Path dir) throws IOException {
    features.save(dir.resolve(FEATURES_FILE));
    head.save(dir.resolve(HEAD_FILE));
  }
}
