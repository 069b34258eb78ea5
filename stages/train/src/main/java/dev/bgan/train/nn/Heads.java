package dev.bgan.train.nn;

import ai.djl.ndarray.NDArray;
import java.util.Map;
import java.util.TreeMap;

/**
 * A network's named outputs on one batch, which objectives read by name: {@link #LOGITS} (every
 * discriminator's first output), {@link #FEATURES} (its penultimate layer, flattened per example, for
 * feature matching), {@link #CLASSES} (a class-conditional discriminator's class logits). A family
 * whose discriminator has other heads (InfoGAN's Q) names them in {@link NetworkFamily#discriminatorHeads}.
 */
public final class Heads {
  public static final String LOGITS = "logits";
  public static final String FEATURES = "features";
  public static final String CLASSES = "classes";

  private final Map<String, NDArray> arrays;

  private Heads(Map<String, NDArray> arrays) {
    this.arrays = arrays;
  }

  public static Heads of(String name, NDArray array) {
    return new Heads(Map.of(name, array));
  }

  /** These heads and {@code array} as {@code name}. */
  public Heads with(String name, NDArray array) {
    Map<String, NDArray> more = new TreeMap<>(arrays);
    if (more.put(name, array) != null) {
      throw new IllegalArgumentException("head " + name + " is already set");
    }
    return new Heads(more);
  }

  public NDArray get(String name) {
    NDArray array = arrays.get(name);
    if (array == null) {
      throw new IllegalArgumentException("no head " + name + " (heads: " + new TreeMap<>(arrays).keySet() + ")");
    }
    return array;
  }

  public NDArray logits() {
    return get(LOGITS);
  }

  public NDArray features() {
    return get(FEATURES);
  }
}
