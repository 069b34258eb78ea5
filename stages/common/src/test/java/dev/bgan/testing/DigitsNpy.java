package dev.bgan.testing;

import java.nio.file.Path;
import java.util.List;

/**
 * scikit-learn's 8x8 digits (1,797 images, values 0..16) written by Debian's python3 as the four
 * .npy files of {@code prepare npy}: images (n, 8, 8, 1) float64 as scikit-learn gives them,
 * labels int64; every fifth image (index % 5 == 0) is a test image, the others train.
 */
public final class DigitsNpy {
  /** The SHA-256 of numpy's rint(x*255/16) as uint8 and of the labels as uint8, per split, and the class counts. */
  public record Expected(String trainPixels, String trainLabels, String trainHistogram, int trainCount,
      String testPixels, String testLabels, String testHistogram, int testCount) {}

  private static final String WRITE = """
      import hashlib, sys, numpy as np
      from sklearn.datasets import load_digits
      d = sys.argv[1]
      digits = load_digits()
      x, y = digits.images[..., None], digits.target
      test = np.arange(len(y)) % 5 == 0
      out = []
      for split, mask in (('tr', ~test), ('te', test)):
          np.save('%s/x_%s.npy' % (d, split), x[mask])
          np.save('%s/y_%s.npy' % (d, split), y[mask])
          px = np.rint(x[mask] * 255.0 / 16.0).astype(np.uint8)
          out += [hashlib.sha256(px.tobytes()).hexdigest(), hashlib.sha256(y[mask].astype(np.uint8).tobytes()).hexdigest(),
                  ','.join(map(str, np.bincount(y[mask], minlength=10))), str(int(mask.sum()))]
      print(' '.join(out))
      """;

  private DigitsNpy() {}

  /** Writes x_tr.npy, y_tr.npy, x_te.npy, y_te.npy into {@code dir}. */
  public static Expected write(Path dir) {
    String[] f = Python.run(List.of("numpy", "sklearn"), WRITE, dir.toString()).strip().split(" ");
    return new Expected(f[0], f[1], f[2], Integer.parseInt(f[3]), f[4], f[5], f[6], Integer.parseInt(f[7]));
  }
}
