package dev.bgan.prepare.celeba;

/** A face the cascade found: its bounding box in pixels of the photo. */
public record FaceBox(int x, int y, int width, int height) {
  @Override
  public String toString() {
    return width + "x" + height + "+" + x + "+" + y;
  }
}
