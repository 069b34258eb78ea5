package dev.bgan.train.nn;

import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;

/**
 * A DCGAN generator, the mirror of {@link DcganDiscriminator}: z -> linear to the top level's maps
 * at side s/16, BN, ReLU; up-convolutions (stride-2 transposed convolutions in the reference) down the
 * levels with BN and ReLU; the last to the image's channels, tanh. ORIG: 8gf, 4gf, 2gf, gf maps, 5x5 kernels; HEAD: 3x3 kernels but the last, 5x5.
 */
public final class DcganGenerator {
  private DcganGenerator() {}

  /**
   * {@code widths[i]} maps at level i + 1 (the output of the discriminator's convolution i) and
   * {@code kernels[i]} square kernels for the up-convolution to level i (level 0 = the image).
   */
  public static Block build(DcganGeometry g, int[] widths, int[] kernels, UpConvolution up) {
    int top = DcganGeometry.LEVELS;
    int h = g.heightAt(top);
    int w = g.widthAt(top);
    int maps = widths[top - 1];
    SequentialBlock block = new SequentialBlock()
        .add(Linear.builder().setUnits((long) maps * h * w).build())
        .add(new LambdaBlock(x -> new NDList(x.singletonOrThrow().reshape(-1, maps, h, w)), "reshape"))
        .add(BatchNorm.builder().build())
        .add(Activation.reluBlock());
    for (int level = top - 1; level >= 0; level--) {
      boolean last = level == 0;
      up.appendTo(block, last ? g.channels() : widths[level - 1], kernels[level], g.heightAt(level), g.widthAt(level));
      if (last) {
        block.add(Activation.tanhBlock());
      } else {
        block.add(BatchNorm.builder().build()).add(Activation.reluBlock());
      }
    }
    return block;
  }
}
