package dev.bgan.evaluate.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bgan.testing.Python;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rank-normalised split R-hat and bulk ESS against a numpy/scipy transcription of ArviZ's
 * definitions ({@code arviz/stats/diagnostics.py}: {@code _split_chains}, {@code _z_scale},
 * {@code _backtransform_ranks}, {@code _rhat}, {@code _rhat_rank}, {@code _autocov}, {@code _ess},
 * {@code _ess_bulk}), on fixed random draws of several shapes: independent normals, AR(1) chains
 * (phi 0.5, 0.9, 0.99), chains with different means (not converged), heavy ties (few distinct
 * values), odd draw counts (the middle draw dropped) and one chain (ArviZ refuses it: min_chains=2;
 * the transcription applies the same formula to the two halves).
 */
class RankNormalizedDiagnosticsTest {
  private static final String REFERENCE = String.join("\n",
      "import sys, numpy as np",
      "from scipy import stats",
      "from scipy.fft import next_fast_len",
      "def split_chains(a):",
      "    half = a.shape[1] // 2",
      "    return np.vstack((a[:, :half], a[:, -half:]))",
      "def z_scale(a):",
      "    r = stats.rankdata(a, method='average').reshape(a.shape)",
      "    r = (r - 3 / 8) / (r.size - 2 * 3 / 8 + 1)",
      "    return stats.norm.ppf(r)",
      "def rhat(a):",
      "    n = a.shape[1]",
      "    b = n * np.var(np.mean(a, axis=1), ddof=1)",
      "    w = np.mean(np.var(a, axis=1, ddof=1))",
      "    return np.sqrt((b / w + n - 1) / n)",
      "def rhat_rank(a):",
      "    s = split_chains(a)",
      "    bulk = rhat(z_scale(s))",
      "    tail = rhat(z_scale(abs(s - np.median(s))))",
      "    return max(bulk, tail)",
      "def autocov(a):",
      "    n = a.shape[1]",
      "    m = next_fast_len(2 * n)",
      "    a = a - a.mean(1, keepdims=True)",
      "    f = np.fft.rfft(a, n=m, axis=1)",
      "    f *= np.conjugate(f)",
      "    return np.fft.irfft(f, n=m, axis=1)[:, :n] / n",
      "def ess(a):",
      "    if np.max(a) - np.min(a) < np.finfo(float).resolution:",
      "        return a.size",
      "    n_chain, n_draw = a.shape",
      "    acov = autocov(a)",
      "    chain_mean = a.mean(axis=1)",
      "    mean_var = np.mean(acov[:, 0]) * n_draw / (n_draw - 1.0)",
      "    var_plus = mean_var * (n_draw - 1.0) / n_draw",
      "    if n_chain > 1:",
      "        var_plus += np.var(chain_mean, ddof=1)",
      "    rho = np.zeros(n_draw)",
      "    even = 1.0",
      "    rho[0] = even",
      "    odd = 1.0 - (mean_var - np.mean(acov[:, 1])) / var_plus",
      "    rho[1] = odd",
      "    t = 1",
      "    while t < (n_draw - 3) and (even + odd) > 0.0:",
      "        even = 1.0 - (mean_var - np.mean(acov[:, t + 1])) / var_plus",
      "        odd = 1.0 - (mean_var - np.mean(acov[:, t + 2])) / var_plus",
      "        if (even + odd) >= 0:",
      "            rho[t + 1] = even",
      "            rho[t + 2] = odd",
      "        t += 2",
      "    max_t = t - 2",
      "    if even > 0:",
      "        rho[max_t + 1] = even",
      "    t = 1",
      "    while t <= max_t - 2:",
      "        if (rho[t + 1] + rho[t + 2]) > (rho[t - 1] + rho[t]):",
      "            rho[t + 1] = (rho[t - 1] + rho[t]) / 2.0",
      "            rho[t + 2] = rho[t + 1]",
      "        t += 2",
      "    total = n_chain * n_draw",
      "    tau = -1.0 + 2.0 * np.sum(rho[: max_t + 1]) + np.sum(rho[max_t + 1 : max_t + 2])",
      "    tau = max(tau, 1 / np.log10(total))",
      "    return np.nan if np.isnan(rho).any() else total / tau",
      "def ess_bulk(a):",
      "    return ess(z_scale(split_chains(a)))",
      "def ar1(rng, chains, draws, phi, offsets=None):",
      "    x = np.zeros((chains, draws))",
      "    x[:, 0] = rng.normal(size=chains) / np.sqrt(1 - phi * phi)",
      "    for t in range(1, draws):",
      "        x[:, t] = phi * x[:, t - 1] + rng.normal(size=chains)",
      "    return x if offsets is None else x + np.asarray(offsets)[:, None]",
      "rng = np.random.default_rng(20170512)",
      "cases = [",
      "    ('iid-1x4', rng.normal(size=(1, 4))),",
      "    ('iid-1x5', rng.normal(size=(1, 5))),",
      "    ('iid-1x7', rng.normal(size=(1, 7))),",
      "    ('iid-2x4', rng.normal(size=(2, 4))),",
      "    ('iid-2x9', rng.normal(size=(2, 9))),",
      "    ('iid-4x100', rng.normal(size=(4, 100))),",
      "    ('iid-1x300', rng.normal(size=(1, 300))),",
      "    ('ar05-3x51', ar1(rng, 3, 51, 0.5)),",
      "    ('ar09-2x200', ar1(rng, 2, 200, 0.9)),",
      "    ('ar099-4x250', ar1(rng, 4, 250, 0.99)),",
      "    ('ar09-1x64', ar1(rng, 1, 64, 0.9)),",
      "    ('shifted-3x40', ar1(rng, 3, 40, 0.3, offsets=[0.0, 0.0, 3.0])),",
      "    ('trend-1x40', rng.normal(size=(1, 40)) + np.linspace(0, 4, 40)[None, :]),",
      "    ('ties-2x30', rng.integers(0, 3, size=(2, 30)).astype(float)),",
      "    ('probabilities-2x12', stats.beta.rvs(20, 2, size=(2, 12), random_state=rng)),",
      "]",
      "out = sys.argv[1]",
      "for name, a in cases:",
      "    a.tofile(out + '/' + name)",
      "    print(name, a.shape[1], repr(float(rhat_rank(a))), repr(float(ess_bulk(a))))");

  @Test
  void agreesWithArvizDefinitions(@TempDir Path dir) {
    List<String> lines = Python.run(List.of("numpy", "scipy"), REFERENCE, dir.toString()).lines().toList();
    assertEquals(15, lines.size(), String.join("\n", lines));
    for (String line : lines) {
      String[] f = line.split(" ");
      int draws = Integer.parseInt(f[1]);
      double[][] flat = PointFiles.read(dir.resolve(f[0]), draws);
      double rhat = RankNormalizedDiagnostics.rhat(flat);
      double ess = RankNormalizedDiagnostics.essBulk(flat);
      System.out.printf("%-20s R-hat java %.15g numpy %s   ESS java %.15g numpy %s%n", f[0], rhat, f[2], ess, f[3]);
      assertEquals(Double.parseDouble(f[2]), rhat, 1e-9, f[0] + " R-hat");
      assertEquals(Double.parseDouble(f[3]), ess, 1e-9, f[0] + " bulk ESS");
    }
  }

  @Test
  void independentDrawsConvergeAndStuckChainsDoNot() {
    java.util.Random random = new java.util.Random(3);
    double[][] good = new double[4][500];
    double[][] stuck = new double[4][500];
    for (int c = 0; c < 4; c++) {
      for (int i = 0; i < 500; i++) {
        good[c][i] = random.nextGaussian();
        stuck[c][i] = random.nextGaussian() + 2 * c;
      }
    }
    assertTrue(RankNormalizedDiagnostics.rhat(good) < 1.01, "R-hat " + RankNormalizedDiagnostics.rhat(good));
    assertTrue(RankNormalizedDiagnostics.essBulk(good) > 1500, "ESS " + RankNormalizedDiagnostics.essBulk(good));
    assertTrue(RankNormalizedDiagnostics.rhat(stuck) > 1.5, "R-hat " + RankNormalizedDiagnostics.rhat(stuck));
    assertTrue(RankNormalizedDiagnostics.essBulk(stuck) < 50, "ESS " + RankNormalizedDiagnostics.essBulk(stuck));
  }

  @Test
  void fewerThanFourDrawsPerChainAreRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RankNormalizedDiagnostics.rhat(new double[][] {{1, 2, 3}, {2, 3, 4}}));
    assertTrue(e.getMessage().contains("at least 4 draws per chain, got 3"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> RankNormalizedDiagnostics.essBulk(new double[][] {{1, 2}}));
    assertThrows(IllegalArgumentException.class, () -> RankNormalizedDiagnostics.rhat(new double[][] {{1, 2, 3, 4}, {1, 2, 3}}));
    assertThrows(IllegalArgumentException.class, () -> RankNormalizedDiagnostics.rhat(new double[][] {{1, 2, Double.NaN, 4}}));
  }

  @Test
  void constantDrawsHaveNoRhatAndTheirCountAsEss() {
    double[][] constant = {{0.5, 0.5, 0.5, 0.5}, {0.5, 0.5, 0.5, 0.5}};
    assertTrue(RankNormalizedDiagnostics.constant(constant));
    assertFalse(RankNormalizedDiagnostics.constant(new double[][] {{0.5, 0.5, 0.5, 0.5}, {0.5, 0.5, 0.5, 0.25}}));
    assertTrue(Double.isNaN(RankNormalizedDiagnostics.rhat(constant)));
    assertEquals(8.0, RankNormalizedDiagnostics.essBulk(constant));
  }
}
