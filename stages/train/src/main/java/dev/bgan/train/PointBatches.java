package dev.bgan.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.bgan.dataset.PointSplit;

/** Points as (n, dimension) float tensors, values as stored. */
public record PointBatches(PointSplit split) implements BatchSource {
  @Override
  public int size() {
    return split.size();
  }

  @Override
  public NDArray batch(NDManager manager, int[] indices) {
    return manager.create(split.rows(indices), new Shape(indices.length, split.dimension()));
  }

  @Override
  public int[] labelsOf(int[] indices) {
    int[] out = new int[indices.length];
    for (int i = 0; i < indices.length; i++) {
      out[i] = split.labels()[indices[i]];
    }
    return out;
  }
}
