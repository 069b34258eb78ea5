package dev.bgan.prepare.svhn;

import dev.bgan.dataset.ImageRecord;
import java.util.Arrays;

/**
 * The images of one SVHN .mat file as records want them: {@code count} 32x32x3 uint8 images in HWC
 * order back to back, and their labels 0..9 (the file's label 10, digit 0, already made 0).
 */
public record SvhnImages(int count, byte[] pixels, byte[] labels) {
  public static final int SIDE = 32;
  public static final int CHANNELS = 3;
  public static final int IMAGE_BYTES = SIDE * SIDE * CHANNELS;

  public SvhnImages {
    if (pixels.length != (long) count * IMAGE_BYTES || labels.length != count) {
      throw new IllegalArgumentException(count + " images need " + (long) count * IMAGE_BYTES + " pixel bytes and "
          + count + " labels, got " + pixels.length + " and " + labels.length);
    }
  }

  public int label(int image) {
    return labels[image];
  }

  /** Image {@code image} as the record at position {@code index} of its split, pixels copied. */
  public ImageRecord record(int image, long index) {
    byte[] hwc = Arrays.copyOfRange(pixels, image * IMAGE_BYTES, (image + 1) * IMAGE_BYTES);
    return new ImageRecord(index, SIDE, SIDE, CHANNELS, label(image), hwc);
  }
}
