package dev.bgan.dataset;

/**
 * One split of a point dataset in memory: {@code size} points of {@code dimension} float32 values,
 * row after row, and the label (cluster) of each.
 */
public record PointSplit(String name, int dimension, int[] labels, float[] values) {
  public PointSplit {
    if ((long) labels.length * dimension != values.length) {
      throw new IllegalArgumentException("split " + name + ": " + labels.length + " labels but "
          + values.length + " values for points of dimension " + dimension);
    }
  }

  public int size() {
    return labels.length;
  }

  /** Points {@code indices}, row after row: the layout a {@code (n, dimension)} tensor expects. */
  public float[] rows(int[] indices) {
    float[] out = new float[indices.length * dimension];
    for (int i = 0; i < indices.length; i++) {
      System.arraycopy(values, indices[i] * dimension, out, i * dimension, dimension);
    }
    return out;
  }
}
