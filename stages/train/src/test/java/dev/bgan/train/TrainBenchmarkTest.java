package dev.bgan.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bgan.train.nn.DcganGeometry;
import org.junit.jupiter.api.Test;

/**
 * Multiply-add counts against sums written out layer by layer from ALGORITHMS.md's sizes
 * (python3: MNIST 28 -> 14, 7, 4, 2; CelebA 50 -> 25, 13, 7, 4; 5x5 kernels; widths 64).
 */
class TrainBenchmarkTest {
  @Test
  void countsTheOrigDcganLayerByLayer() {
    TrainBenchmark mnist = new TrainBenchmark(new DcganGeometry(28, 28, 1), 64, 64);
    // 14*14*64*1*25 + 7*7*128*64*25 + 4*4*256*128*25 + 2*2*512*256*25 + 512*2*2*11
    assertEquals(36_585_728L, mnist.discriminatorMacs());
    // 100*512*2*2 + 4*4*256*512*25 + 7*7*128*256*25 + 14*14*64*128*25 + 28*28*1*64*25
    assertEquals(134_169_600L, mnist.generatorMacs(100));
    // 2 * 64 * (4 g + 3 d (4 + 2) + 4 * 3 (g + d) + 3 d)
    assertEquals(429_317_455_872L, mnist.flopsPerIteration(4, 100));
    TrainBenchmark celeba = new TrainBenchmark(new DcganGeometry(50, 50, 3), 64, 64);
    assertEquals(130_270_912L, celeba.discriminatorMacs());
    assertEquals(439_827_200L, celeba.generatorMacs(100));
  }

  @Test
  void timesRealIterations() {
    TrainBenchmark.Result result = new TrainBenchmark(new DcganGeometry(8, 8, 1), 4, 4).run(2, 1, 3);
    assertTrue(result.medianMs() > 0);
    assertTrue(result.toString().matches("gens=2 ms_per_iter=\\d+\\.\\d gflops=\\d+\\.\\d"), result.toString());
  }
}
