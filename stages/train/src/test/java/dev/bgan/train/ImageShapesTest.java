package dev.bgan.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.bgan.train.nn.DcganFamily;
import dev.bgan.train.nn.DcganGeometry;
import dev.bgan.train.nn.Network;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The ORIG DCGAN's ceil arithmetic and a real training iteration for the image shapes the datasets give. */
class ImageShapesTest {
  @Test
  void featureMapSidesFollowTheReferenceCeilArithmetic() {
    assertEquals(List.of(8, 4, 2, 1, 1), sides(8));
    assertEquals(List.of(28, 14, 7, 4, 2), sides(28));
    assertEquals(List.of(32, 16, 8, 4, 2), sides(32));
    assertEquals(List.of(50, 25, 13, 7, 4), sides(50));
    assertEquals(List.of(64, 32, 16, 8, 4), sides(64));
  }

  private static List<Integer> sides(int side) {
    DcganGeometry g = new DcganGeometry(side, side, 1);
    return IntStream.rangeClosed(0, DcganGeometry.LEVELS).mapToObj(g::heightAt).toList();
  }

  /**
   * Digits (8x8x1), MNIST (28x28x1), SVHN and CIFAR-10 (32x32x3): the generator's samples have the
   * image's shape, and a generator and discriminator step runs on them.
   */
  @Test
  void trainsOnDigitsMnistAndColourSizes() {
    for (DcganGeometry shape : List.of(new DcganGeometry(8, 8, 1), new DcganGeometry(28, 28, 1),
        new DcganGeometry(32, 32, 3))) {
      DcganFamily family = new DcganFamily(shape, 4, 4);
      try (NDManager m = NDManager.newBaseManager(Device.cpu(), TorchRuntime.engine().getEngineName())) {
        Network g = Network.create(family.generator(100), m, new Shape(1, 100), 1);
        NDArray fakes = g.forward(m.zeros(new Shape(2, 100)), false);
        assertEquals(new Shape(2, shape.channels(), shape.height(), shape.width()), fakes.getShape(), shape.toString());
        // The discriminator takes the generator's samples: K classes + fake logits for each.
        Network d = Network.create(family.discriminator(11), m, new Shape(1, shape.channels(), shape.height(),
            shape.width()), 2);
        assertEquals(new Shape(2, 11), d.forward(fakes, false).getShape(), shape.toString());
      }
      // A whole iteration (fakes, both steps, samplers, baseline) on the shape; a shape mismatch throws.
      new TrainBenchmark(shape, 4, 4).run(1, 0, 1);
    }
  }
}
