package dev.bgan.train;

import ai.djl.ndarray.NDArray;

/** The reference's ORIG softmax objective (see {@link SemiSupervisedObjective}): index 0 of the outputs is "fake". */
final class OrigObjective implements GanObjective {
  @Override
  public NDArray realLoss(NDArray outputs) {
    return SemiSupervisedObjective.notFakeLoss(outputs);
  }

  @Override
  public NDArray fakeLoss(NDArray outputs) {
    return SemiSupervisedObjective.fakeLoss(outputs);
  }

  @Override
  public NDArray generatorLoss(NDArray outputs) {
    return SemiSupervisedObjective.notFakeLoss(outputs);
  }

  @Override
  public double score(NDArray outputs) {
    return SemiSupervisedObjective.meanNotFake(outputs);
  }

  @Override
  public int outputs(int classes) {
    return classes + 1;
  }

  @Override
  public int firstClassOutput() {
    return 1;
  }
}
