package dev.bgan.train.nn;

import ai.djl.ndarray.NDArray;
import java.util.SplittableRandom;

/**
 * Class labels drawn uniformly from {@code classes} and given to the generator one-hot after z
 * (AC-GAN): a class-conditional generator turns the one-hot row into its class embedding.
 */
public record ClassConditioning(int classes) implements ConditioningSampler {
  public ClassConditioning {
    if (classes < 2) {
      throw new IllegalArgumentException("class conditioning needs at least 2 classes, got " + classes);
    }
  }

  @Override
  public int width() {
    return classes;
  }

  @Override
  public Conditioning draw(int count, SplittableRandom random) {
    return Conditioning.ofClasses(random.ints(count, 0, classes).toArray());
  }

  @Override
  public NDArray input(NDArray z, Conditioning c) {
    if (!c.hasClasses() || c.classes().length != z.getShape().get(0)) {
      throw new IllegalArgumentException("a class-conditional generator needs one class per z row, got " + c);
    }
    NDArray oneHot = z.getManager().create(c.classes()).oneHot(classes);
    return z.concat(oneHot, 1);
  }
}
