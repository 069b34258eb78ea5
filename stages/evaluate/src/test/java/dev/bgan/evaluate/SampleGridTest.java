package dev.bgan.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import org.junit.jupiter.api.Test;

class SampleGridTest {
  @Test
  void tilesImagesRowMajorWithAGutterAndMapsTanhRangeToBytes() {
    // Two 2x2 grey images: the first all -1 (black) but its bottom-right +1 (white), the second all 0 (grey 128).
    float[] images = {-1f, -1f, -1f, 1f, 0f, 0f, 0f, 0f};
    BufferedImage grid = SampleGrid.tile(images, 2, 1, 2, 2, 2, 2);
    assertEquals(7, grid.getWidth());
    assertEquals(7, grid.getHeight());
    Raster r = grid.getRaster();
    assertEquals(0, r.getSample(1, 1, 0));
    assertEquals(255, r.getSample(2, 2, 0));
    assertEquals(128, r.getSample(4, 1, 0));
    assertEquals(128, r.getSample(5, 2, 0));
    assertEquals(0, r.getSample(1, 4, 0), "cells with no image stay black");
    assertEquals(0, r.getSample(3, 1, 0), "gutter");
  }

  @Test
  void tilesOneRowOfColumns() {
    float[] images = {1f, 1f, 1f, 1f, 0f, 0f, 0f, 0f, -1f, -1f, -1f, -1f};
    BufferedImage grid = SampleGrid.tile(images, 3, 1, 2, 2, 1, 3);
    assertEquals(10, grid.getWidth());
    assertEquals(4, grid.getHeight());
    Raster r = grid.getRaster();
    assertEquals(255, r.getSample(1, 1, 0));
    assertEquals(128, r.getSample(4, 2, 0));
    assertEquals(0, r.getSample(8, 2, 0));
  }
}
