package dev.bgan.train.nn;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;

/**
 * The reference's HEAD DCGAN pair ({@code bgan_semi.py}, {@code --arch head}) for images of
 * {@code geometry}: widths base times 1, 2, 4, 8 capped at 512 (the reference's default base 96 gives
 * 96, 192, 384, 512); kernels 5x5 at the image and 3x3 below it (the reference's kernel_sizer); the
 * discriminator adds a fully connected feature layer as wide as its last convolution (512), whose
 * activations HEAD's feature matching compares. The generator mirrors the discriminator.
 */
public record HeadFamily(DcganGeometry geometry, int gfDim, int dfDim, UpConvolution up) implements NetworkFamily {
  /** The reference caps every width here ("memory"). */
  public static final int MAX_WIDTH = 512;
  private static final int[] KERNELS = {5, 3, 3, 3};

  /** The reference's network: the generator up-samples by transposed convolutions. */
  public HeadFamily(DcganGeometry geometry, int gfDim, int dfDim) {
    this(geometry, gfDim, dfDim, UpConvolution.TRANSPOSED);
  }

  @Override
  public Block generator(int zDim) {
    return DcganGenerator.build(geometry, widths(gfDim), KERNELS, up);
  }

  @Override
  public Block discriminator(int outputs) {
    int[] widths = widths(dfDim);
    return DcganDiscriminator.build(widths, KERNELS, widths[widths.length - 1], outputs);
  }

  @Override
  public Shape sampleShape() {
    return new Shape(geometry.channels(), geometry.height(), geometry.width());
  }

  static int[] widths(int base) {
    int[] widths = new int[DcganGeometry.LEVELS];
    for (int level = 0; level < widths.length; level++) {
      widths[level] = (int) Math.min((long) base << level, MAX_WIDTH);
    }
    return widths;
  }
}
