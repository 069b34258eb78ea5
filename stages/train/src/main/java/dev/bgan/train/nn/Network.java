package dev.bgan.train.nn;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.Pair;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One weight sample of a network: a block initialised (N(0, 0.02) unless its family says otherwise)
 * from its own seed, the names of its outputs, the parameters it trains, and loading and saving of
 * all its state (weights and batch-norm statistics) in place, so that references to the parameter
 * arrays stay valid.
 */
public final class Network {
  /** The DCGAN's weight initialisation, N(0, 0.02). */
  public static final Initializer DCGAN_INITIALIZER = new NormalInitializer(0.02f);

  private final Block block;
  private final ParameterStore parameterStore;
  private final List<String> outputs;

  private Network(Block block, NDManager manager, List<String> outputs) {
    this.block = block;
    this.parameterStore = new ParameterStore(manager, false);
    this.outputs = List.copyOf(outputs);
  }

  /**
   * Builds and initialises {@code block}, one output, with N(0, 0.02) weights drawn from PyTorch's
   * generator seeded by {@code seed}.
   */
  public static Network create(Block block, NDManager manager, Shape inputShape, long seed) {
    return create(block, manager, inputShape, seed, DCGAN_INITIALIZER, List.of(Heads.LOGITS));
  }

  /** Builds and initialises {@code block}, whose outputs are named {@code outputs}, with {@code weights}' weights. */
  public static Network create(Block block, NDManager manager, Shape inputShape, long seed, Initializer weights,
      List<String> outputs) {
    Engine.getInstance().setRandomSeed((int) seed);
    block.setInitializer(weights, Parameter.Type.WEIGHT);
    block.initialize(manager, DataType.FLOAT32, inputShape);
    return new Network(block, manager, outputs);
  }

  /** The network's first output: a generator's samples, a discriminator's logits. */
  public NDArray forward(NDArray input, boolean training) {
    return outputs(input, training).get(0);
  }

  /**
   * The network's heads on one batch: its outputs by name ({@link Heads#LOGITS} first), and with
   * {@code features} also {@link Heads#FEATURES}, the input of the block's last layer, flattened per
   * example, from the same pass. Features need a {@link SequentialBlock} of one output.
   */
  public Heads heads(NDArray input, boolean training, boolean features) {
    if (!features) {
      NDList out = outputs(input, training);
      Heads heads = Heads.of(outputs.get(0), out.get(0));
      for (int i = 1; i < out.size(); i++) {
        heads = heads.with(outputs.get(i), out.get(i));
      }
      return heads;
    }
    if (outputs.size() != 1) {
      throw new IllegalStateException("penultimate features need a network of one output, this one has " + outputs);
    }
    if (!(block instanceof SequentialBlock sequential)) {
      throw new IllegalStateException("penultimate features need a sequential block, got " + block.getClass());
    }
    List<Block> layers = sequential.getChildren().values();
    NDList x = new NDList(input);
    for (Block layer : layers.subList(0, layers.size() - 1)) {
      x = layer.forward(parameterStore, x, training);
    }
    NDArray penultimate = x.singletonOrThrow();
    NDArray logits = layers.get(layers.size() - 1).forward(parameterStore, x, training).singletonOrThrow();
    return Heads.of(Heads.LOGITS, logits).with(Heads.FEATURES, penultimate.reshape(penultimate.getShape().get(0), -1));
  }

  private NDList outputs(NDArray input, boolean training) {
    NDList out = block.forward(parameterStore, new NDList(input), training);
    if (out.size() != outputs.size()) {
      throw new IllegalStateException("the network returned " + out.size() + " outputs, it names " + outputs);
    }
    return out;
  }

  /** Arrays the sampler moves, in the block's fixed order. */
  public List<NDArray> trainable() {
    List<NDArray> arrays = new ArrayList<>();
    for (Pair<String, Parameter> p : block.getParameters()) {
      if (p.getValue().requiresGradient()) {
        arrays.add(p.getValue().getArray());
      }
    }
    return arrays;
  }

  /**
   * Whether backward computes gradients for this network's weights. A generator's step needs the
   * discriminator's gradient with respect to its input only: without this, backward also computes
   * (and accumulates) the discriminator's weight gradients, about a third of that step's arithmetic.
   */
  public void recordWeightGradients(boolean record) {
    for (NDArray w : trainable()) {
      w.setRequiresGradient(record);
    }
  }

  /** Every array of the network, batch-norm statistics included, by parameter name. */
  public List<Pair<String, NDArray>> state() {
    List<Pair<String, NDArray>> arrays = new ArrayList<>();
    for (Pair<String, Parameter> p : block.getParameters()) {
      arrays.add(new Pair<>(p.getKey(), p.getValue().getArray()));
    }
    return arrays;
  }

  /** The number of trainable weights (a family's size check against its reference network). */
  public long parameterCount() {
    return trainable().stream().mapToLong(a -> a.getShape().size()).sum();
  }

  public void save(Path file) throws IOException {
    TensorFile.write(file, state());
  }

  /** Copies the values saved in {@code file} into this network's arrays. */
  public void load(Path file, NDManager scratch) throws IOException {
    try (NDManager tmp = scratch.newSubManager()) {
      Map<String, NDArray> saved = TensorFile.read(file, tmp).stream()
          .collect(Collectors.toMap(Pair::getKey, Pair::getValue));
      if (saved.size() != state().size()) {
        throw new IOException(file + ": holds " + saved.size() + " tensors, the network has " + state().size());
      }
      TensorFile.copyInto(state(), saved, file.toString());
    }
  }
}
