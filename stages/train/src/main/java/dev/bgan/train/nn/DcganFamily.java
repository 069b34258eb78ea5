package dev.bgan.train.nn;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;

/** The reference's ORIG DCGAN pair for images of {@code geometry}, with widths gf_dim and df_dim. */
public record DcganFamily(DcganGeometry geometry, int gfDim, int dfDim) implements NetworkFamily {
  @Override
  public Block generator(int zDim) {
    return DcganGenerator.build(geometry, gfDim);
  }

  @Override
  public Block discriminator(int outputs) {
    return DcganDiscriminator.build(dfDim, outputs);
  }

  @Override
  public Shape sampleShape() {
    return new Shape(geometry.channels(), geometry.height(), geometry.width());
  }
}
