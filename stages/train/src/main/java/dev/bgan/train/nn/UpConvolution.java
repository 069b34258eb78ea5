package dev.bgan.train.nn;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;

/**
 * How a generator doubles its maps' side: the reference's stride-2 transposed convolution, or the
 * nearest-neighbour upsampling + convolution at the output side that train stage versions 1 and 2
 * used instead (a different network with 3.65x the generator's arithmetic), kept so that the models
 * they wrote still load.
 */
public enum UpConvolution {
  TRANSPOSED {
    @Override
    SequentialBlock appendTo(SequentialBlock block, int filters, int kernel, int outHeight, int outWidth) {
      return block.add(new TransposedConv2d(filters, kernel, outHeight, outWidth));
    }
  },
  RESIZE {
    @Override
    SequentialBlock appendTo(SequentialBlock block, int filters, int kernel, int outHeight, int outWidth) {
      // Two children of the generator itself, as versions 1 and 2 named their parameters.
      return block
          .add(Upsample.to(outHeight, outWidth))
          .add(Conv2d.builder()
              .setKernelShape(new Shape(kernel, kernel))
              .optPadding(new Shape(kernel / 2, kernel / 2))
              .setFilters(filters)
              .build());
    }
  };

  /** Adds the layers to {@code filters} maps of {@code outHeight} x {@code outWidth} from maps of half that side (rounded up). */
  abstract SequentialBlock appendTo(SequentialBlock block, int filters, int kernel, int outHeight, int outWidth);
}
