package dev.bgan.prepare.folder;

import dev.bgan.common.BadInputException;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes one PNG or JPEG file with the JDK's ImageIO into uint8 HWC pixels: 8-bit grayscale gives
 * one channel, 8-bit RGB (or a palette without transparency) three. Images with an alpha channel
 * are refused rather than flattened onto a background the user did not choose; 16-bit samples are
 * refused rather than rounded. Samples are read from the raster, never through {@code getRGB},
 * which would convert grayscale through a gamma curve.
 */
final class ImageFileDecoder {
  private ImageFileDecoder() {}

  /** Reads the image's size from its header and refuses one too large before any pixel is decoded. */
  private static void checkSize(Path file) {
    try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      Iterator<ImageReader> readers = in == null ? java.util.Collections.emptyIterator() : ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        return; // decode says what is wrong with it
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        if (width > MAX_SIDE || height > MAX_SIDE) {
          throw BadInputException.inFile(file, "is " + width + "x" + height + " pixels; images up to " + MAX_SIDE
              + " pixels a side are read (resize it first)");
        }
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof BadInputException bad) {
        throw bad;
      }
      // An unreadable header: decode reports it.
    }
  }

  /** An image's shape and its pixels, HWC. */
  record Decoded(int height, int width, int channels, byte[] pixels) {
    String shapeText() {
      return height + "x" + width + "x" + channels;
    }
  }

  /** The longest side read: GAN images here are 28 to 64 pixels, and a decoded 30000x30000 image is 2.7 GB. */
  static final int MAX_SIDE = 4096;

  static Decoded decode(Path file) {
    checkSize(file);
    BufferedImage image;
    try {
      image = ImageIO.read(file.toFile());
    } catch (IOException | RuntimeException e) {
      throw BadInputException.inFile(file, "cannot be decoded as PNG or JPEG (" + e.getMessage() + ")");
    }
    if (image == null) {
      throw BadInputException.inFile(file, "is not a PNG or JPEG image ImageIO can decode");
    }
    ColorModel model = image.getColorModel();
    if (model.hasAlpha()) {
      throw BadInputException.inFile(file, "has an alpha channel (transparency); save it as RGB or grayscale");
    }
    int h = image.getHeight();
    int w = image.getWidth();
    Raster raster = image.getRaster();
    if (model instanceof IndexColorModel palette) {
      byte[] out = new byte[h * w * 3];
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          int index = raster.getSample(x, y, 0);
          int at = (y * w + x) * 3;
          out[at] = (byte) palette.getRed(index);
          out[at + 1] = (byte) palette.getGreen(index);
          out[at + 2] = (byte) palette.getBlue(index);
        }
      }
      return new Decoded(h, w, 3, out);
    }
    int bands = raster.getNumBands();
    if (raster.getTransferType() != DataBuffer.TYPE_BYTE || (bands != 1 && bands != 3)
        || model.getComponentSize(0) != 8) {
      throw BadInputException.inFile(file, "has " + bands + " channels of " + model.getComponentSize(0)
          + " bits; 8-bit grayscale or RGB images are read");
    }
    byte[] out = new byte[h * w * bands];
    int[] row = new int[w * bands];
    for (int y = 0; y < h; y++) {
      raster.getPixels(0, y, w, 1, row);
      for (int i = 0; i < row.length; i++) {
        out[y * w * bands + i] = (byte) row[i];
      }
    }
    return new Decoded(h, w, bands, out);
  }
}
