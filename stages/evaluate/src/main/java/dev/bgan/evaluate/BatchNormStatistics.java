package dev.bgan.evaluate;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.bgan.dataset.ImageSplit;
import dev.bgan.train.nn.Network;
import java.util.Set;

/**
 * Which batch-norm statistics a discriminator is evaluated with. Its running averages as trained
 * ({@code running}) are updated by every training-mode pass, and a discriminator's passes are
 * mostly over fakes (one real batch, one labeled batch and the fakes of each of the J*M generators
 * in its own step, the fakes again in each generator's step): at test time they normalise real
 * images with statistics largely of fakes. {@code real} re-estimates them on real images first.
 */
final class BatchNormStatistics {
  static final String RUNNING = "running";
  static final String REAL = "real";
  static final Set<String> CHOICES = Set.of(RUNNING, REAL);
  /** The training minibatch size's default: batches of the size the statistics were trained with. */
  private static final int BATCH = 64;

  private BatchNormStatistics() {}

  /**
   * One training-mode pass over the train split's images in order, in batches of {@link #BATCH}: each
   * batch-norm layer's running averages move toward the real batches' statistics (the last ones
   * weigh most, with the layers' momentum). Deterministic: no random draw, no weight changes.
   */
  static void reestimate(Network d, ImageSplit train, NDManager manager) {
    for (int start = 0; start < train.size(); start += BATCH) {
      int n = Math.min(BATCH, train.size() - start);
      int[] idx = new int[n];
      for (int i = 0; i < n; i++) {
        idx[i] = start + i;
      }
      try (NDManager batch = manager.newSubManager()) {
        d.forward(batch.create(train.chwScaled(idx), new Shape(n, train.channels(), train.height(), train.width())),
            true);
      }
    }
  }
}
