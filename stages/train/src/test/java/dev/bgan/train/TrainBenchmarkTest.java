package dev.bgan.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bgan.train.nn.DcganGeometry;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Multiply-add counts against sums written out layer by layer from ALGORITHMS.md's sizes
 * (python3: MNIST 28 -> 14, 7, 4, 2; CelebA 50 -> 25, 13, 7, 4; 5x5 kernels; widths 64).
 */
class TrainBenchmarkTest {
  /**
   * Reference counts from numpy (not this code): a transposed convolution's multiply-adds per
   * in/out channel pair are the sum of TensorFlow's "SAME" transposed convolution of an all-ones
   * input with an all-ones 5x5 kernel (zero insertion, full convolution, crop at P).
   */
  @Test
  void countsTheReferenceNetworksArithmetic() {
    TrainBenchmark mnist = new TrainBenchmark(new DcganGeometry(28, 28, 1), 64, 64);
    // 14*14*64*1*25 + 7*7*128*64*25 + 4*4*256*128*25 + 2*2*512*256*25 + 512*2*2*11
    assertEquals(36_585_728L, mnist.discriminatorMacs());
    assertEquals(23_691_840L, mnist.generatorMacs(100));
    assertEquals(77_505_069_056L, mnist.flopsPerIteration(1, 100));
    assertEquals(183_941_267_456L, mnist.flopsPerIteration(4, 100));
    TrainBenchmark celeba = new TrainBenchmark(new DcganGeometry(50, 50, 3), 64, 64);
    assertEquals(130_270_912L, celeba.discriminatorMacs());
    assertEquals(99_203_840L, celeba.generatorMacs(100));
    assertEquals(683_627_659_264L, celeba.flopsPerIteration(4, 100));
  }

  @Test
  void timesRealIterationsAndChargesEveryPhase() {
    TrainBenchmark.Result result = new TrainBenchmark(new DcganGeometry(8, 8, 1), 4, 4).run(2, 1, 3);
    double phases = result.phaseMs().values().stream().mapToDouble(Double::doubleValue).sum();
    // The phases cover the timed iterations (3 of them) and nothing else: within a few percent.
    double timed = 3 * result.medianMs();
    assertTrue(phases > 0.5 * timed && phases < 2 * timed, phases + " ms of phases, median " + result.medianMs());
    for (PhaseClock.Phase p : List.of(PhaseClock.Phase.FAKES, PhaseClock.Phase.DISCRIMINATOR,
        PhaseClock.Phase.GENERATOR, PhaseClock.Phase.SAMPLER, PhaseClock.Phase.BASELINE)) {
      assertTrue(result.phaseMs().get(p) > 0, p + " was never charged: " + result.phaseMs());
    }
    assertTrue(result.describe(100).matches("gens=2 ms_per_iter=\\d+\\.\\d gflop_per_iter=\\d+\\.\\d\\d gflops=\\d+\\.\\d"
        + " pct_of_peak=\\d+\\.\\d limit_ms=\\d+\\.\\d x_limit=\\d+\\.\\d\\d( \\w+=\\d+%){6}"), result.describe(100));
  }
}
