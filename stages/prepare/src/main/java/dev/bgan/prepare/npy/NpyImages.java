package dev.bgan.prepare.npy;

import dev.bgan.common.BadInputException;
import dev.bgan.dataset.NpyArray;

/** The shape of an image array: (n, h, w, c) with c 1 or 3, or (n, h, w) for one channel. */
record NpyImages(int count, int height, int width, int channels) {
  static NpyImages shapeOf(NpyArray images) {
    int[] shape = images.shape();
    if (shape.length != 3 && shape.length != 4) {
      throw BadInputException.inFile(images.file(), "images must be shaped (n, h, w, c) or (n, h, w), got "
          + images.describe());
    }
    int channels = shape.length == 4 ? shape[3] : 1;
    if (channels != 1 && channels != 3) {
      throw BadInputException.inFile(images.file(), "images must have 1 (grayscale) or 3 (RGB) channels, got "
          + images.describe());
    }
    if (shape[0] == 0 || shape[1] == 0 || shape[2] == 0) {
      throw BadInputException.inFile(images.file(), "no images in " + images.describe());
    }
    return new NpyImages(shape[0], shape[1], shape[2], channels);
  }

  int imageBytes() {
    return height * width * channels;
  }

  String shapeText() {
    return height + "x" + width + "x" + channels;
  }
}
