package dev.bgan.evaluate.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Point sets for the metric tests: generated from a seed, written raw for numpy's {@code fromfile}. */
public final class PointFiles {
  private PointFiles() {}

  /**
   * {@code clusters} Gaussian clusters of {@code perCluster} points, built as the bgan_synth data
   * (ALGORITHMS.md): latent means randn(2) * spread, X = (randn(2) + mean) A^T with A = randn(dim, 2) * 5
   * (plus a little noise off the plane), then every dimension standardised.
   */
  static double[][] clusters(long seed, int clusters, int perCluster, int dim, double spread) {
    Random random = new Random(seed);
    double[][] a = new double[dim][2];
    for (double[] row : a) {
      row[0] = random.nextGaussian() * 5;
      row[1] = random.nextGaussian() * 5;
    }
    double[][] points = new double[clusters * perCluster][dim];
    for (int c = 0; c < clusters; c++) {
      double m0 = random.nextGaussian() * spread;
      double m1 = random.nextGaussian() * spread;
      for (int i = 0; i < perCluster; i++) {
        double z0 = random.nextGaussian() + m0;
        double z1 = random.nextGaussian() + m1;
        double[] x = points[c * perCluster + i];
        for (int k = 0; k < dim; k++) {
          x[k] = z0 * a[k][0] + z1 * a[k][1] + 0.05 * random.nextGaussian();
        }
      }
    }
    for (int k = 0; k < dim; k++) {
      double mean = 0;
      for (double[] x : points) {
        mean += x[k];
      }
      mean /= points.length;
      double var = 0;
      for (double[] x : points) {
        var += (x[k] - mean) * (x[k] - mean);
      }
      double std = Math.sqrt(var / points.length);
      for (double[] x : points) {
        x[k] = (x[k] - mean) / std;
      }
    }
    return points;
  }

  /** Gaussian clusters in the plane with centres on a circle of {@code radius}, unit covariance. */
  static double[][] ring(long seed, int clusters, int perCluster, double radius) {
    Random random = new Random(seed);
    double[][] points = new double[clusters * perCluster][2];
    for (int c = 0; c < clusters; c++) {
      double angle = 2 * Math.PI * c / clusters;
      for (int i = 0; i < perCluster; i++) {
        points[c * perCluster + i][0] = radius * Math.cos(angle) + random.nextGaussian();
        points[c * perCluster + i][1] = radius * Math.sin(angle) + random.nextGaussian();
      }
    }
    return points;
  }

  /** Reads what numpy's {@code tofile} wrote of an n x {@code columns} float64 array. */
  static double[][] read(Path file, int columns) {
    try {
      ByteBuffer buffer = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
      double[][] points = new double[buffer.remaining() / 8 / columns][columns];
      for (double[] row : points) {
        for (int c = 0; c < columns; c++) {
          row[c] = buffer.getDouble();
        }
      }
      return points;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes {@code points} row-major as little-endian float64 and returns the file. */
  public static Path write(Path dir, String name, double[][] points) {
    ByteBuffer buffer = ByteBuffer.allocate(points.length * points[0].length * 8).order(ByteOrder.LITTLE_ENDIAN);
    for (double[] row : points) {
      for (double v : row) {
        buffer.putDouble(v);
      }
    }
    Path file = dir.resolve(name);
    try {
      Files.write(file, buffer.array());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }
}
