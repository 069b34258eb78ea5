package dev.bgan.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/** The training examples as the networks see them: a batch of rows as a tensor, and their labels. */
public interface BatchSource {
  int size();

  /** Examples {@code indices} as one tensor (batch first), attached to {@code manager}. */
  NDArray batch(NDManager manager, int[] indices);

  int[] labelsOf(int[] indices);
}
