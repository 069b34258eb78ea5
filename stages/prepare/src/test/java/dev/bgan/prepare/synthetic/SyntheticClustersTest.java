package dev.bgan.prepare.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bgan.common.BadInputException;
import dev.bgan.testing.Python;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated points against numpy running the reference's SynthDataset code path. */
class SyntheticClustersTest {
  /** The reference's generation (bgan_util.SynthDataset), with its sizes as arguments; float64 to a raw file. */
  private static final String REFERENCE = String.join("\n",
      "import sys",
      "import numpy as np",
      "n, k, x_dim, seed, out = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]",
      "np.random.seed(seed)",
      "xs = []",
      "for _ in range(k):",
      "    mean = np.random.randn(2) * 5",
      "    A = np.random.randn(x_dim, 2) * 5",
      "    xs.append(np.dot(np.random.randn(n // k, 2) + mean, A.T))",
      "X_raw = np.concatenate(xs)",
      "X = (X_raw - X_raw.mean(0)) / X_raw.std(0)",
      "X.astype('<f8').tofile(out + '.f64')",
      "X.astype('<f4').tofile(out + '.f32')",
      "np.random.seed(seed)",
      "np.concatenate([np.random.random_sample(7), np.random.randn(9)]).astype('<f8').tofile(out + '.stream')");

  @TempDir
  Path dir;

  @Test
  void legacyStreamIsNumpys() throws IOException {
    double[] numpy = reference(40, 2, 3, 1234)[2];
    LegacyRandomState random = new LegacyRandomState(1234);
    double[] ours = new double[16];
    for (int i = 0; i < 7; i++) {
      ours[i] = random.nextDouble();
    }
    for (int i = 7; i < 16; i++) {
      ours[i] = random.nextGaussian();
    }
    // Bit for bit: the same MT19937 outputs, the same 53-bit doubles, the same polar transform.
    assertArrayEquals(numpy, ours, 0.0);
  }

  @Test
  void referenceSizePointsEqualNumpys() throws IOException {
    SyntheticClusters ours = SyntheticClusters.generate(10_000, 10, 100, 1234);
    double[][] numpy = reference(10_000, 10, 100, 1234);
    assertClose(numpy[0], ours.points(), 1e-12);
    float[] asFloat = new float[numpy[1].length];
    for (int i = 0; i < 10_000; i++) {
      System.arraycopy(ours.point(i), 0, asFloat, i * 100, 100);
    }
    int differing = 0;
    for (int i = 0; i < asFloat.length; i++) {
      if (asFloat[i] != (float) numpy[1][i]) {
        differing++;
        // Only where float64 rounding sits on a float32 tie can the cast differ, by one ulp.
        assertEquals(numpy[1][i], asFloat[i], Math.ulp(asFloat[i]));
      }
    }
    assertEquals(0, differing, "float32 points that differ from numpy's cast");
    assertEquals(0, ours.labels()[999]);
    assertEquals(1, ours.labels()[1000]);
    assertEquals(9, ours.labels()[9999]);
  }

  @Test
  void otherSeedsAndShapesToo() throws IOException {
    assertClose(reference(60, 3, 7, 0)[0], SyntheticClusters.generate(60, 3, 7, 0).points(), 1e-12);
    assertClose(reference(50, 5, 2, Integer.MAX_VALUE)[0],
        SyntheticClusters.generate(50, 5, 2, Integer.MAX_VALUE).points(), 1e-12);
  }

  @Test
  void badParametersNameThemselves() {
    assertEquals("parameter num_points: must be a positive multiple of num_clusters (10) (got 1005)",
        assertThrows(BadInputException.class, () -> SyntheticClusters.generate(1005, 10, 100, 1)).getMessage());
    assertThrows(BadInputException.class, () -> SyntheticClusters.generate(100, 0, 100, 1));
    assertThrows(BadInputException.class, () -> SyntheticClusters.generate(100, 10, 0, 1));
    assertThrows(BadInputException.class, () -> SyntheticClusters.generate(100, 10, 100, -1));
    // numpy would take it, but commons-math's init_genrand is numpy's only below 2^31.
    assertThrows(BadInputException.class, () -> SyntheticClusters.generate(100, 10, 100, 1L << 31));
  }

  private double[][] reference(int n, int k, int xDim, long seed) throws IOException {
    Path out = dir.resolve("ref-" + n + "-" + k + "-" + xDim + "-" + seed);
    Python.run(List.of("numpy"), REFERENCE, String.valueOf(n), String.valueOf(k), String.valueOf(xDim),
        String.valueOf(seed), out.toString());
    return new double[][] {doubles(out + ".f64"), floats(out + ".f32"), doubles(out + ".stream")};
  }

  private static double[] doubles(String file) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(Path.of(file))).order(ByteOrder.LITTLE_ENDIAN);
    double[] out = new double[b.remaining() / 8];
    b.asDoubleBuffer().get(out);
    return out;
  }

  private static double[] floats(String file) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(Path.of(file))).order(ByteOrder.LITTLE_ENDIAN);
    double[] out = new double[b.remaining() / 4];
    for (int i = 0; i < out.length; i++) {
      out[i] = b.getFloat();
    }
    return out;
  }

  private static void assertClose(double[] expected, double[] actual, double tolerance) {
    assertEquals(expected.length, actual.length);
    double worst = 0;
    for (int i = 0; i < expected.length; i++) {
      worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
    }
    assertEquals(0, worst, tolerance, "largest difference from numpy");
  }
}
