package dev.bgan.dataset;

/**
 * One split of a dataset in memory: {@code size} images of {@code height x width x channels}
 * uint8 pixels in HWC order, back to back, and their labels.
 */
public record ImageSplit(String name, int height, int width, int channels, int[] labels, byte[] pixels) {
  public ImageSplit {
    if ((long) labels.length * height * width * channels != pixels.length) {
      throw new IllegalArgumentException("split " + name + ": " + labels.length + " labels but "
          + pixels.length + " pixel bytes for " + height + "x" + width + "x" + channels + " images");
    }
  }

  public int size() {
    return labels.length;
  }

  public int imageBytes() {
    return height * width * channels;
  }

  /**
   * Images {@code indices} as float CHW in [-1, 1] (the generator's tanh range), back to back:
   * the layout a {@code (n, c, h, w)} tensor expects.
   */
  public float[] chwScaled(int[] indices) {
    int hw = height * width;
    float[] out = new float[indices.length * imageBytes()];
    for (int i = 0; i < indices.length; i++) {
      int src = indices[i] * imageBytes();
      int dst = i * imageBytes();
      for (int p = 0; p < hw; p++) {
        for (int c = 0; c < channels; c++) {
          int value = pixels[src + p * channels + c] & 0xff;
          out[dst + c * hw + p] = value / 127.5f - 1f;
        }
      }
    }
    return out;
  }

  public int[] labelsOf(int[] indices) {
    int[] out = new int[indices.length];
    for (int i = 0; i < indices.length; i++) {
      out[i] = labels[indices[i]];
    }
    return out;
  }
}
