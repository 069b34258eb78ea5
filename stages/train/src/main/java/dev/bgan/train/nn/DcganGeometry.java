package dev.bgan.train.nn;

/**
 * Feature-map sides of the reference's DCGAN for an image side s: s, ceil(s/2), ceil(s/4),
 * ceil(s/8), ceil(s/16) (MNIST 28: 28, 14, 7, 4, 2; CelebA 50: 50, 25, 13, 7, 4).
 */
public record DcganGeometry(int height, int width, int channels) {
  public static final int LEVELS = 4;

  public DcganGeometry {
    if (height < 1 || width < 1 || channels < 1) {
      throw new IllegalArgumentException("image shape must be positive, got " + height + "x" + width + "x" + channels);
    }
  }

  /** Side after {@code level} stride-2 halvings (level 0 = the image itself). */
  public int heightAt(int level) {
    return ceilDiv(height, 1 << level);
  }

  public int widthAt(int level) {
    return ceilDiv(width, 1 << level);
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }
}
