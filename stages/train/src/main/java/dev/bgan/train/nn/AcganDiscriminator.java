package dev.bgan.train.nn;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import java.util.List;

/**
 * The Keras {@code mnist_acgan} discriminator: 3x3 convolutions ("same" padding) of w (stride 2),
 * 2w, 4w (stride 2), 8w maps, each with leaky ReLU (0.2) and dropout 0.3, flattened; then two heads
 * from the same features: {@link Heads#LOGITS}, one real/fake logit (the example's sigmoid unit,
 * whose sigmoid the objective applies), and {@link Heads#CLASSES}, K class logits (its softmax
 * unit). With w = df_dim = 32: 32, 64, 128, 256, the example's widths. No batch norm, as in the example.
 */
final class AcganDiscriminator {
  static final float LEAK = 0.2f;
  static final float DROPOUT = 0.3f;

  private AcganDiscriminator() {}

  static Block build(int width, int outputs, int classes) {
    SequentialBlock block = new SequentialBlock();
    int[] strides = {2, 1, 2, 1};
    for (int i = 0; i < strides.length; i++) {
      block.add(Conv2d.builder()
              .setKernelShape(new Shape(3, 3))
              .optStride(new Shape(strides[i], strides[i]))
              .optPadding(new Shape(1, 1))
              .setFilters(width << i)
              .build())
          .add(Activation.leakyReluBlock(LEAK))
          .add(Dropout.builder().optRate(DROPOUT).build());
    }
    block.add(Blocks.batchFlattenBlock());
    return block.add(new ParallelBlock(
        branches -> new NDList(branches.get(0).singletonOrThrow(), branches.get(1).singletonOrThrow()),
        List.of(Linear.builder().setUnits(outputs).build(), Linear.builder().setUnits(classes).build())));
  }
}
