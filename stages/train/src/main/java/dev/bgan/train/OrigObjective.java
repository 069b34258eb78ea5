package dev.bgan.train;

import ai.djl.ndarray.NDArray;
import dev.bgan.train.nn.Heads;

/** The reference's ORIG softmax objective (see {@link SemiSupervisedObjective}): index 0 of the outputs is "fake". */
final class OrigObjective implements GanObjective {
  @Override
  public NDArray realLoss(Heads real) {
    return SemiSupervisedObjective.notFakeLoss(real.logits());
  }

  @Override
  public NDArray fakeLoss(Heads fake) {
    return SemiSupervisedObjective.fakeLoss(fake.logits());
  }

  @Override
  public NDArray generatorLoss(Heads fake, Heads real) {
    return SemiSupervisedObjective.notFakeLoss(fake.logits());
  }

  @Override
  public double score(Heads heads) {
    return SemiSupervisedObjective.meanNotFake(heads.logits());
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
