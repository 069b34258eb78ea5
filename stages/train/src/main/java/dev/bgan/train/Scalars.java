package dev.bgan.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Scalar operands of arithmetic that autograd records. DJL's {@code NDArray.mul(Number)} (and div,
 * minimum, ...) wraps the number in a tensor over a Java direct buffer and closes that tensor as
 * soon as the op returns, but autograd keeps it for the backward pass; once the garbage collector
 * has freed the buffer, backward reads freed memory, so gradients depended on GC timing (rare
 * run-to-run differences under load; every run differed with a 2 MB young generation). A tensor
 * that PyTorch allocates itself lives as long as autograd needs it.
 */
public final class Scalars {
  private Scalars() {}

  /** {@code value} as a 0-d tensor of {@code like}'s type, owned by PyTorch, in {@code like}'s manager. */
  public static NDArray of(NDArray like, double value) {
    return like.getManager().full(new Shape(), (float) value, like.getDataType());
  }
}
