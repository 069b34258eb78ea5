package dev.bgan.train.nn;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import java.util.List;

/**
 * InfoGAN's MNIST networks (Chen et al. 2016, appendix C.1) for images of {@code geometry}
 * ({@code --arch infogan}), widths scaled by gf_dim and df_dim (64 = the paper's):
 *
 * <pre>
 *   G: (z, one-hot c_cat, c_cont) -> FC 16gf BN ReLU -> FC 2gf*(s/4)^2 BN ReLU -> 4x4 up-conv gf s2 BN ReLU
 *      -> 4x4 up-conv channels s2, tanh
 *   D trunk: 4x4 conv df s2 lReLU(0.1) -> 4x4 conv 2df s2 BN lReLU -> FC 16df BN lReLU
 *   heads on the trunk: logits (FC to the objective's outputs); Q: FC 2df BN lReLU -> q_logits
 *      ({@value #CATEGORIES} class logits), q_mean and q_log_std ({@value #CONTINUOUS} each)
 * </pre>
 *
 * Q shares every layer of D but its own, as in the paper. The paper's generator ends in a sigmoid on
 * [0, 1] images; ours in tanh, as every family here sees images on [-1, 1].
 */
public record InfoganFamily(DcganGeometry geometry, int gfDim, int dfDim, UpConvolution up) implements NetworkFamily {
  public static final int CATEGORIES = 10;
  public static final int CONTINUOUS = 2;
  public static final String Q_LOGITS = "q_logits";
  public static final String Q_MEAN = "q_mean";
  public static final String Q_LOG_STD = "q_log_std";
  private static final int KERNEL = 4;
  private static final float LEAK = 0.1f;

  @Override
  public Block generator(int zDim) {
    int h = geometry.heightAt(2);
    int w = geometry.widthAt(2);
    int maps = 2 * gfDim;
    SequentialBlock block = new SequentialBlock()
        .add(Linear.builder().setUnits(16L * gfDim).build())
        .add(BatchNorm.builder().build())
        .add(Activation.reluBlock())
        .add(Linear.builder().setUnits((long) maps * h * w).build())
        .add(BatchNorm.builder().build())
        .add(Activation.reluBlock())
        .add(new LambdaBlock(x -> new NDList(x.singletonOrThrow().reshape(-1, maps, h, w)), "reshape"));
    up.appendTo(block, gfDim, KERNEL, geometry.heightAt(1), geometry.widthAt(1));
    block.add(BatchNorm.builder().build()).add(Activation.reluBlock());
    up.appendTo(block, geometry.channels(), KERNEL, geometry.height(), geometry.width());
    return block.add(Activation.tanhBlock());
  }

  @Override
  public Block discriminator(int outputs) {
    SequentialBlock trunk = new SequentialBlock()
        .add(convolution(dfDim))
        .add(Activation.leakyReluBlock(LEAK))
        .add(convolution(2 * dfDim))
        .add(BatchNorm.builder().build())
        .add(Activation.leakyReluBlock(LEAK))
        .add(Blocks.batchFlattenBlock())
        .add(Linear.builder().setUnits(16L * dfDim).build())
        .add(BatchNorm.builder().build())
        .add(Activation.leakyReluBlock(LEAK));
    SequentialBlock q = new SequentialBlock()
        .add(Linear.builder().setUnits(2L * dfDim).build())
        .add(BatchNorm.builder().build())
        .add(Activation.leakyReluBlock(LEAK))
        .add(side(linear(CATEGORIES), linear(CONTINUOUS), linear(CONTINUOUS)));
    return trunk.add(side(linear(outputs), q));
  }

  @Override
  public Shape sampleShape() {
    return new Shape(geometry.channels(), geometry.height(), geometry.width());
  }

  @Override
  public ConditioningSampler conditioning() {
    return new LatentCodes(CATEGORIES, CONTINUOUS);
  }

  @Override
  public List<String> discriminatorHeads() {
    return List.of(Heads.LOGITS, Q_LOGITS, Q_MEAN, Q_LOG_STD);
  }

  private static Block convolution(int filters) {
    return Conv2d.builder()
        .setKernelShape(new Shape(KERNEL, KERNEL))
        .optStride(new Shape(2, 2))
        .optPadding(new Shape(1, 1))
        .setFilters(filters)
        .build();
  }

  private static Block linear(int units) {
    return Linear.builder().setUnits(units).build();
  }

  /** Branches that each read the same input, their outputs concatenated in order. */
  private static Block side(Block... branches) {
    return new ParallelBlock(outs -> new NDList(outs.stream().flatMap(NDList::stream).toList()), List.of(branches));
  }
}
