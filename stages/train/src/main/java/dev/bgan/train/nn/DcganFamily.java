package dev.bgan.train.nn;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;

/**
 * The reference's ORIG DCGAN pair for images of {@code geometry} ({@code --arch orig}): 5x5 kernels,
 * widths gf_dim and df_dim times 1, 2, 4, 8, the logits straight from the last convolution's maps.
 */
public record DcganFamily(DcganGeometry geometry, int gfDim, int dfDim, UpConvolution up) implements NetworkFamily {
  private static final int[] KERNELS = {5, 5, 5, 5};

  /** The reference's network: the generator up-samples by transposed convolutions. */
  public DcganFamily(DcganGeometry geometry, int gfDim, int dfDim) {
    this(geometry, gfDim, dfDim, UpConvolution.TRANSPOSED);
  }

  @Override
  public Block generator(int zDim) {
    return DcganGenerator.build(geometry, widths(gfDim), KERNELS, up);
  }

  @Override
  public Block discriminator(int outputs) {
    return DcganDiscriminator.build(widths(dfDim), KERNELS, 0, outputs);
  }

  @Override
  public Shape sampleShape() {
    return new Shape(geometry.channels(), geometry.height(), geometry.width());
  }

  private static int[] widths(int base) {
    return new int[] {base, 2 * base, 4 * base, 8 * base};
  }
}
