package dev.bgan.train.nn;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;

/**
 * The reference's (ORIG) DCGAN discriminator: four 5x5 stride-2 convolutions with df, 2*df, 4*df,
 * 8*df maps and leaky ReLU (0.2), batch norm on all but the first, then a linear layer to the
 * logits (K+1 for the semi-supervised objective, index 0 = fake).
 */
public final class DcganDiscriminator {
  private static final float LEAK = 0.2f;

  private DcganDiscriminator() {}

  public static Block build(int dfDim, int outputs) {
    SequentialBlock block = new SequentialBlock();
    for (int level = 0; level < DcganGeometry.LEVELS; level++) {
      block.add(Conv2d.builder()
          .setKernelShape(new Shape(5, 5))
          .optStride(new Shape(2, 2))
          .optPadding(new Shape(2, 2))
          .setFilters(dfDim << level)
          .build());
      if (level > 0) {
        block.add(BatchNorm.builder().build());
      }
      block.add(Activation.leakyReluBlock(LEAK));
    }
    return block.add(Blocks.batchFlattenBlock()).add(Linear.builder().setUnits(outputs).build());
  }
}
