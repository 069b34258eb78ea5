package dev.bgan.train.nn;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;

/**
 * The reference's (ORIG) DCGAN generator: z -> linear to 8*gf maps of side s/16, BN, ReLU; three
 * up-convolutions to 4*gf, 2*gf, gf maps with BN and ReLU; an up-convolution to the image's
 * channels; tanh. Kernels 5x5.
 */
public final class DcganGenerator {
  private DcganGenerator() {}

  public static Block build(DcganGeometry g, int gfDim) {
    int top = DcganGeometry.LEVELS;
    int h = g.heightAt(top);
    int w = g.widthAt(top);
    int maps = gfDim * 8;
    SequentialBlock block = new SequentialBlock()
        .add(Linear.builder().setUnits((long) maps * h * w).build())
        .add(new LambdaBlock(x -> new NDList(x.singletonOrThrow().reshape(-1, maps, h, w)), "reshape"))
        .add(BatchNorm.builder().build())
        .add(Activation.reluBlock());
    for (int level = top - 1; level >= 0; level--) {
      boolean last = level == 0;
      block.add(Upsample.to(g.heightAt(level), g.widthAt(level)))
          .add(conv5x5(last ? g.channels() : gfDim << (level - 1)));
      if (last) {
        block.add(Activation.tanhBlock());
      } else {
        block.add(BatchNorm.builder().build()).add(Activation.reluBlock());
      }
    }
    return block;
  }

  private static Block conv5x5(int filters) {
    return Conv2d.builder()
        .setKernelShape(new Shape(5, 5))
        .optPadding(new Shape(2, 2))
        .setFilters(filters)
        .build();
  }
}
