package dev.bgan.train.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.LambdaBlock;

/**
 * Nearest-neighbour 2x upsampling cropped to a target size (4 -> 7): the first half of the
 * resize-convolution that generators of train stage versions 1 and 2 used ({@link UpConvolution#RESIZE}).
 */
final class Upsample {
  private Upsample() {}

  static LambdaBlock to(int height, int width) {
    return new LambdaBlock(inputs -> {
      NDArray x = inputs.singletonOrThrow();
      NDArray up = x.repeat(2, 2).repeat(3, 2);
      if (up.getShape().get(2) == height && up.getShape().get(3) == width) {
        return new NDList(up);
      }
      return new NDList(up.get(new NDIndex(":, :, :{}, :{}", height, width)));
    }, "upsample" + height + "x" + width);
  }
}
