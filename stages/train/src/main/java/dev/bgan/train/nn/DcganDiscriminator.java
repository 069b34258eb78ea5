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
 * A DCGAN discriminator: {@value DcganGeometry#LEVELS} stride-2 convolutions ("same" padding, so
 * sides halve with the ceil arithmetic of {@link DcganGeometry}) with leaky ReLU (0.2), batch norm on
 * all but the first; optionally a fully connected feature layer with leaky ReLU; then a linear layer
 * to the logits. ORIG: 5x5 kernels, df, 2df, 4df, 8df maps, no feature layer. HEAD: 5x5 then 3x3,
 * a 512-unit feature layer.
 */
public final class DcganDiscriminator {
  private static final float LEAK = 0.2f;

  private DcganDiscriminator() {}

  /**
   * {@code widths[i]} maps and {@code kernels[i]} square kernels at convolution i; {@code featureUnits}
   * units in the feature layer (0 = none); {@code outputs} logits.
   */
  public static Block build(int[] widths, int[] kernels, int featureUnits, int outputs) {
    SequentialBlock block = new SequentialBlock();
    for (int level = 0; level < DcganGeometry.LEVELS; level++) {
      int k = kernels[level];
      block.add(Conv2d.builder()
          .setKernelShape(new Shape(k, k))
          .optStride(new Shape(2, 2))
          .optPadding(new Shape(k / 2, k / 2))
          .setFilters(widths[level])
          .build());
      if (level > 0) {
        block.add(BatchNorm.builder().build());
      }
      block.add(Activation.leakyReluBlock(LEAK));
    }
    block.add(Blocks.batchFlattenBlock());
    if (featureUnits > 0) {
      block.add(Linear.builder().setUnits(featureUnits).build()).add(Activation.leakyReluBlock(LEAK));
    }
    return block.add(Linear.builder().setUnits(outputs).build());
  }
}
