package dev.bgan.train;

import java.util.EnumMap;
import java.util.Map;

/**
 * Wall time of the parts of training iterations, summed over the iterations it saw. PyTorch's CPU
 * operators return when their result is computed, so a phase's time is the time between two marks.
 */
public final class PhaseClock {
  /** The parts of one iteration. */
  public enum Phase {
    /** Each generator's fakes for the discriminators' step (no gradient). */
    FAKES,
    /** The discriminators' losses and their backward. */
    DISCRIMINATOR,
    /** The generators' losses and their backward (input gradients through the discriminators). */
    GENERATOR,
    /** Every sampler's weight update. */
    SAMPLER,
    /** The supervised-only baseline's forward and backward. */
    BASELINE,
    /** Batches, latent draws, logging and anything else. */
    OTHER
  }

  private final long[] nanos = new long[Phase.values().length];
  private long mark = System.nanoTime();

  /** Starts timing from now; the time since the previous mark is dropped. */
  void restart() {
    mark = System.nanoTime();
  }

  /** Charges the time since the previous mark to {@code phase}. */
  void charge(Phase phase) {
    long now = System.nanoTime();
    nanos[phase.ordinal()] += now - mark;
    mark = now;
  }

  /** Milliseconds per phase so far. */
  public Map<Phase, Double> millis() {
    Map<Phase, Double> ms = new EnumMap<>(Phase.class);
    for (Phase p : Phase.values()) {
      ms.put(p, nanos[p.ordinal()] / 1e6);
    }
    return ms;
  }

  public void reset() {
    java.util.Arrays.fill(nanos, 0);
  }
}
