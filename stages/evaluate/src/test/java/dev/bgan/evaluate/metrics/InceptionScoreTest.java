package dev.bgan.evaluate.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bgan.testing.Python;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Inception Score against the Improved-GAN reference's numpy computation on Dirichlet probability sets. */
class InceptionScoreTest {
  private static final String REFERENCE = String.join("\n",
      "import sys, numpy as np",
      "out = sys.argv[1]",
      "for name, seed, n, k, alpha, splits in [('flat', 1, 1000, 10, 1.0, 10), ('peaked', 2, 1003, 10, 0.1, 10),",
      "                                        ('many', 3, 777, 100, 0.5, 3)]:",
      "    preds = np.random.default_rng(seed).dirichlet([alpha] * k, size=n)",
      "    preds.tofile(out + '/' + name)",
      "    scores = []",
      "    for i in range(splits):",
      "        part = preds[(i * n // splits):((i + 1) * n // splits), :]",
      "        kl = part * (np.log(part) - np.log(np.expand_dims(np.mean(part, 0), 0)))",
      "        scores.append(np.exp(np.mean(np.sum(kl, 1))))",
      "    print(name, k, splits, repr(float(np.mean(scores))), repr(float(np.std(scores))))");

  @Test
  void agreesWithTheReference(@TempDir Path dir) {
    List<String> lines = Python.run(List.of("numpy"), REFERENCE, dir.toString()).lines().toList();
    assertEquals(3, lines.size(), String.join("\n", lines));
    for (String line : lines) {
      String[] f = line.split(" ");
      double[][] probs = PointFiles.read(dir.resolve(f[0]), Integer.parseInt(f[1]));
      InceptionScore.Score score = InceptionScore.of(probs, Integer.parseInt(f[2]));
      System.out.printf("%s: java %.12g +- %.12g numpy %s +- %s%n", f[0], score.mean(), score.std(), f[3], f[4]);
      assertEquals(Double.parseDouble(f[3]), score.mean(), 1e-6 * Double.parseDouble(f[3]), f[0]);
      assertEquals(Double.parseDouble(f[4]), score.std(), 1e-6 * Double.parseDouble(f[4]), f[0]);
    }
  }

  @Test
  void oneHotRowsOfKClassesScoreK() {
    // every class equally often, every prediction certain: exp(KL) = exp(log K) = K in every split
    double[][] probs = new double[400][4];
    for (int i = 0; i < probs.length; i++) {
      probs[i][i % 4] = 1.0;
    }
    InceptionScore.Score score = InceptionScore.of(probs, 10);
    assertEquals(4.0, score.mean(), 1e-12);
    assertEquals(0.0, score.std(), 1e-12);
  }

  @Test
  void rowsThatAreNotProbabilitiesAreRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> InceptionScore.of(new double[][] {{0.5, 0.5}, {0.9, 0.3}}, 1));
    assertTrue(e.getMessage().contains("row 1 sums to 1.2"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> InceptionScore.of(new double[][] {{0.5, 0.5}}, 10));
    assertTrue(e.getMessage().contains("needs at least 10 rows"), e.getMessage());
  }
}
