package dev.bgan.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.bgan.dataset.ImageSplit;

/** Images as (n, c, h, w) float tensors in [-1, 1], the generator's tanh range. */
public record ImageBatches(ImageSplit split) implements BatchSource {
  @Override
  public int size() {
    return split.size();
  }

  @Override
  public NDArray batch(NDManager manager, int[] indices) {
    return manager.create(split.chwScaled(indices),
        new Shape(indices.length, split.channels(), split.height(), split.width()));
  }

  @Override
  public int[] labelsOf(int[] indices) {
    return split.labelsOf(indices);
  }
}
