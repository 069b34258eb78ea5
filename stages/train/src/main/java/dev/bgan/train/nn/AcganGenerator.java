package dev.bgan.train.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The Keras {@code mnist_acgan} generator: its input is z followed by the class one-hot
 * ({@link ClassConditioning}); the one-hot picks a learned class embedding of z's size (a linear map
 * without bias from the one-hot is exactly an embedding lookup), which multiplies z elementwise; then
 * dense 8w (ReLU) -> dense w x s/4 x s/4 (ReLU), reshaped to maps; two stride-2 5x5 transposed
 * convolutions ({@link TransposedConv2d}) to 2w maps at s/2 and w maps at s (ReLU), where the
 * example up-samples by nearest neighbour and convolves 5x5 (the later Keras versions' transposed
 * convolutions, a quarter of the arithmetic), each followed by batch norm after its ReLU as in those
 * later versions; a 2x2 convolution to the image's channels with Keras's "same" padding (one extra
 * row and column after the image), tanh. With w = gf_dim = 128 on MNIST: 1024, 128 x 7 x 7, 256 x
 * 14 x 14, 128 x 28 x 28, 1 x 28 x 28, the example's widths. Without the batch norms (the first
 * example's generator) the input's influence fades through the layers at Glorot scale: after 120
 * iterations of the CPU run the generator made one image whatever z and the class (mean absolute
 * deviation across inputs 0.013), and the discriminator could not tell the classes of fakes apart.
 */
final class AcganGenerator extends AbstractBlock {
  private static final byte VERSION = 1;

  private final int zDim;
  private final int classes;
  private final Block embedding;
  private final Block trunk;

  AcganGenerator(int zDim, int classes, DcganGeometry g, int width) {
    super(VERSION);
    this.zDim = zDim;
    this.classes = classes;
    this.embedding = addChildBlock("embedding", Linear.builder().setUnits(zDim).optBias(false).build());
    int h4 = g.heightAt(2);
    int w4 = g.widthAt(2);
    SequentialBlock body = new SequentialBlock()
        .add(Linear.builder().setUnits(8L * width).build())
        .add(Activation.reluBlock())
        .add(Linear.builder().setUnits((long) width * h4 * w4).build())
        .add(Activation.reluBlock())
        .add(new LambdaBlock(x -> new NDList(x.singletonOrThrow().reshape(-1, width, h4, w4)), "reshape"))
        .add(new TransposedConv2d(2 * width, 5, g.heightAt(1), g.widthAt(1)))
        .add(Activation.reluBlock())
        .add(BatchNorm.builder().build())
        .add(new TransposedConv2d(width, 5, g.height(), g.width()))
        .add(Activation.reluBlock())
        .add(BatchNorm.builder().build())
        .add(Conv2d.builder().setKernelShape(new Shape(2, 2)).optPadding(new Shape(1, 1)).setFilters(g.channels())
            .build())
        // Padding 1 on both sides gives side s + 1, output o reading rows o - 1, o; Keras's "same" pads
        // after the image only, so its output o reads rows o, o + 1: ours from index 1.
        .add(new LambdaBlock(x -> new NDList(x.singletonOrThrow().get(new NDIndex(":, :, 1:, 1:"))), "same-crop"))
        .add(Activation.tanhBlock());
    this.trunk = addChildBlock("trunk", body);
  }

  @Override
  protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
      PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    NDArray z = x.get(new NDIndex(":, :{}", zDim));
    NDArray oneHot = x.get(new NDIndex(":, {}:", zDim));
    NDArray embedded = embedding.forward(store, new NDList(oneHot), training).singletonOrThrow();
    return trunk.forward(store, new NDList(z.mul(embedded)), training);
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    long batch = inputShapes[0].get(0);
    checkInput(inputShapes[0]);
    embedding.initialize(manager, dataType, new Shape(batch, classes));
    trunk.initialize(manager, dataType, new Shape(batch, zDim));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    checkInput(inputShapes[0]);
    return trunk.getOutputShapes(new Shape[] {new Shape(inputShapes[0].get(0), zDim)});
  }

  private void checkInput(Shape shape) {
    if (shape.dimension() != 2 || shape.get(1) != zDim + classes) {
      throw new IllegalArgumentException("the AC-GAN generator takes (N, " + (zDim + classes) + "): z of " + zDim
          + " and a one-hot of " + classes + " classes, got " + shape);
    }
  }
}
