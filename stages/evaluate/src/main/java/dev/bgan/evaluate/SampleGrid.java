package dev.bgan.evaluate;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Tiles generated images, CHW floats in [-1, 1], row-major into a PNG grid with a 1-pixel gutter. */
public final class SampleGrid {
  private SampleGrid() {}

  public static BufferedImage tile(float[] images, int count, int channels, int height, int width, int rows,
      int side) {
    int cell = Math.max(height, width) + 1;
    BufferedImage grid = new BufferedImage(side * cell + 1, rows * cell + 1,
        channels == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
    WritableRaster raster = grid.getRaster();
    int hw = height * width;
    for (int n = 0; n < Math.min(count, rows * side); n++) {
      int ox = 1 + (n % side) * cell;
      int oy = 1 + (n / side) * cell;
      for (int y = 0; y < height; y++) {
        for (int x = 0; x < width; x++) {
          for (int c = 0; c < Math.min(channels, 3); c++) {
            float v = images[n * channels * hw + c * hw + y * width + x];
            raster.setSample(ox + x, oy + y, c, Math.round((Math.max(-1f, Math.min(1f, v)) + 1f) * 127.5f));
          }
        }
      }
    }
    return grid;
  }

  public static void write(BufferedImage image, Path file) throws IOException {
    if (!ImageIO.write(image, "png", file.toFile())) {
      throw new IOException("no PNG writer for " + file);
    }
  }
}
