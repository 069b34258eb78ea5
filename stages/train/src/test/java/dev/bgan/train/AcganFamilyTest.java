package dev.bgan.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.util.Pair;
import dev.bgan.dataset.ImageSplit;
import dev.bgan.proto.TrainConfig;
import dev.bgan.proto.TrainingLog;
import dev.bgan.proto.TrainingLogEntry;
import dev.bgan.testing.Python;
import dev.bgan.train.nn.AcganFamily;
import dev.bgan.train.nn.Conditioning;
import dev.bgan.train.nn.DcganGeometry;
import dev.bgan.train.nn.Heads;
import dev.bgan.train.nn.Network;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AC-GAN networks: the generator computes what the Keras example's layers compute (checked
 * against PyTorch with the same weights: embedding times z, dense, dense, TensorFlow-"SAME" stride-2
 * transposed convolutions with batch norm, a 2x2 "same" convolution padded after the image, tanh); the parameter
 * count of the example's widths; the discriminator's two heads; and a short training on real MNIST.
 */
class AcganFamilyTest {
  @TempDir Path work;

  private static final String TORCH = """
      import sys, json, torch, torch.nn.functional as F
      d = json.load(open(sys.argv[1]))
      p = [torch.tensor(a['data'], dtype=torch.float64).reshape(a['shape']) for a in d['params']]
      emb, w1, b1, w2, b2, t1, c1, g1, be1, m1, v1, t2, c2, g2, be2, m2, v2, k, kb = p
      bn = lambda x, g, b, m, v: (x - m[None, :, None, None]) / torch.sqrt(v[None, :, None, None] + 1e-5) \
          * g[None, :, None, None] + b[None, :, None, None]   # inference: the running statistics
      z = torch.tensor(d['z'], dtype=torch.float64).reshape(d['n'], -1)
      y = torch.tensor(d['classes'])
      h = z * emb.t()[y]                       # Linear(one-hot) without bias = row y of its weight's transpose
      h = F.relu(h @ w1.t() + b1)
      h = F.relu(h @ w2.t() + b2)
      side = d['side']
      h = h.reshape(d['n'], d['width'], (side + 3) // 4, (side + 3) // 4)
      def tconv(x, w, b, out):                 # TensorFlow's SAME geometry: crop the full output from P
          full = F.conv_transpose2d(x, w, b, stride=2)
          pad = max((x.shape[2] - 1) * 2 + w.shape[2] - out, 0) // 2
          return full[:, :, pad:pad + out, pad:pad + out]
      h = bn(F.relu(tconv(h, t1, c1, (side + 1) // 2)), g1, be1, m1, v1)
      h = bn(F.relu(tconv(h, t2, c2, side)), g2, be2, m2, v2)
      h = torch.tanh(F.conv2d(F.pad(h, (0, 1, 0, 1)), k, kb))   # Keras 'same' for an even kernel pads after
      print(' '.join(repr(float(v)) for v in h.flatten()))
      """;

  @Test
  void generatorComputesTheKerasLayers() throws IOException {
    TorchRuntime.engine();
    int zDim = 6;
    int classes = 3;
    int width = 4;
    int side = 12;
    int n = 5;
    AcganFamily family = new AcganFamily(new DcganGeometry(side, side, 1), classes, width, width);
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      Network g = Network.create(family.generator(zDim), m, new Shape(1, zDim + classes), 7,
          family.weightInitializer(), List.of("generated"));
      SplittableRandom random = new SplittableRandom(3);
      float[] z = new float[n * zDim];
      for (int i = 0; i < z.length; i++) {
        z[i] = (float) (2 * random.nextDouble() - 1);
      }
      int[] wanted = {0, 1, 2, 1, 0};
      NDArray input = family.conditioning().input(m.create(z, new Shape(n, zDim)), Conditioning.ofClasses(wanted));
      float[] ours = g.forward(input, false).toFloatArray();
      String params = g.state().stream().map(Pair::getValue).map(a -> "{\"shape\": " + Arrays.toString(
          a.getShape().getShape()) + ", \"data\": " + Arrays.toString(a.toFloatArray()) + "}")
          .collect(Collectors.joining(", "));
      Path json = work.resolve("generator.json");
      Files.writeString(json, "{\"params\": [" + params + "], \"z\": " + Arrays.toString(z) + ", \"n\": " + n
          + ", \"classes\": " + Arrays.toString(wanted) + ", \"side\": " + side + ", \"width\": " + width + "}");
      String[] theirs = Python.run(List.of("torch"), TORCH, json.toString()).strip().split(" ");
      assertEquals(n * side * side, ours.length);
      assertEquals(theirs.length, ours.length);
      for (int i = 0; i < ours.length; i++) {
        assertEquals(Double.parseDouble(theirs[i]), ours[i], 1e-5, "output " + i);
      }
    }
  }

  @Test
  void theExampleWidthsHaveTheExampleParameterCountsAndTwoHeads() {
    TorchRuntime.engine();
    AcganFamily family = new AcganFamily(new DcganGeometry(28, 28, 1), 10, 128, 32);
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      Network g = Network.create(family.generator(100), m, new Shape(1, 110), 1, family.weightInitializer(),
          List.of("generated"));
      // Embedding 10x100; dense 100->1024, 1024->6272; 5x5 (transposed) 128->256, 256->128, each with a batch
      // norm's scale and shift; 2x2 128->1.
      long generator = 10 * 100 + (100 * 1024 + 1024) + (1024 * 6272 + 6272) + (128 * 256 * 25 + 256 + 2 * 256)
          + (256 * 128 * 25 + 128 + 2 * 128) + (128 * 4 + 1);
      assertEquals(generator, g.parameterCount());
      Network d = Network.create(family.discriminator(1), m, new Shape(1, 1, 28, 28), 2, family.weightInitializer(),
          family.discriminatorHeads());
      // 3x3 convs 1->32, 32->64, 64->128, 128->256; features 256 x 7 x 7; heads 1 and 10.
      long discriminator = (9 * 32 + 32) + (32 * 9 * 64 + 64) + (64 * 9 * 128 + 128) + (128 * 9 * 256 + 256)
          + (12544 + 1) + (12544 * 10 + 10);
      assertEquals(discriminator, d.parameterCount());
      NDArray images = m.randomUniform(-1f, 1f, new Shape(4, 1, 28, 28), DataType.FLOAT32);
      Heads heads = d.heads(images, false, false);
      assertEquals(new Shape(4, 1), heads.logits().getShape());
      assertEquals(new Shape(4, 10), heads.get(Heads.CLASSES).getShape());
      assertArrayEquals(heads.logits().toFloatArray(), d.forward(images, false).toFloatArray(), "forward = first head");
      // Dropout 0.3 acts in training only.
      assertArrayEquals(heads.get(Heads.CLASSES).toFloatArray(), d.heads(images, false, false).get(Heads.CLASSES)
          .toFloatArray());
      assertFalse(Arrays.equals(d.heads(images, true, false).get(Heads.CLASSES).toFloatArray(),
          d.heads(images, true, false).get(Heads.CLASSES).toFloatArray()));
    }
  }

  /**
   * ML AC-GAN on the first 2,000 real MNIST images, small widths, 300 iterations of batch 64: the
   * discriminator's class head learns the digits (test accuracy of its argmax on 500 test images;
   * measured 0.770), and every saved iteration logs the class terms, which d_loss and g_loss include.
   * The generator's class term leaves ln 10 (fakes whose class cannot be told) only once the
   * generator's output depends on its input, later than a unit test can afford: here 2.370 -> 2.363;
   * in the CPU run of workflows/acgan-mnist-cpu.yaml (batch 100, widths 32/16) 2.30, 2.23, 1.90,
   * 1.64, 1.30 at iterations 60 to 300, which its class accuracy measures.
   */
  @Test
  @Tag("real-data")
  void mlAcganLearnsClassesOnMnist() throws IOException {
    TrainConfig config = TrainConfigs.defaults().setArch("acgan").setMl(true).setOptimizer("adam").setLr(2e-4)
        .setLrDecay(0).setTrainIter(300).setNSave(100).setBatchSize(64).setGfDim(16).setDfDim(8).setRandomSeed(5)
        .build();
    TrainConfigs.validate(config);
    ImageSplit train = RealMnistSplits.train(2000);
    ImageSplit test = RealMnistSplits.test(500);
    GanNetworks networks = new GanNetworks(config, new AcganFamily(new DcganGeometry(28, 28, 1), 10,
        config.getGfDim(), config.getDfDim()), 10);
    int[] labeled = LabeledSubset.draw(train.labels(), 10, config.getN(), config.getRandomSeed());
    TrainingLog log = new BayesianGanTrainer(config, networks, new ImageBatches(train), null, labeled, work).run();
    TrainingLogEntry first = log.getEntries(0);
    TrainingLogEntry last = log.getEntries(log.getEntriesCount() - 1);
    double realClass = last.getTerms().getDiscriminatorOrThrow(AcganObjective.CLASS_REAL);
    double fakeClass = last.getTerms().getGeneratorOrThrow(AcganObjective.CLASS);
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      Network d = networks.discriminator(m, 0);
      d.load(ModelLayout.discriminator(ModelLayout.sampleDir(work, 300), 0, TrainStage.VERSION), m);
      NDArray images = new ImageBatches(test).batch(m, IntStream.range(0, test.size()).toArray());
      float[] logits = d.heads(images, false, false).get(Heads.CLASSES).toFloatArray();
      int correct = 0;
      for (int i = 0; i < test.size(); i++) {
        int best = 0;
        for (int c = 1; c < 10; c++) {
          best = logits[i * 10 + c] > logits[i * 10 + best] ? c : best;
        }
        correct += best == test.labels()[i] ? 1 : 0;
      }
      double accuracy = (double) correct / test.size();
      System.out.printf("AC-GAN, MNIST 2000, 300 iterations: class_real %.3f -> %.3f, generator class %.3f -> %.3f,"
          + " class head test accuracy %.3f%n", first.getTerms().getDiscriminatorOrThrow(AcganObjective.CLASS_REAL),
          realClass, first.getTerms().getGeneratorOrThrow(AcganObjective.CLASS), fakeClass, accuracy);
      assertTrue(accuracy > 0.7, "class head test accuracy " + accuracy + " (chance 0.1)");
      for (TrainingLogEntry entry : log.getEntriesList()) {
        double realTerm = entry.getTerms().getDiscriminatorOrThrow(AcganObjective.CLASS_REAL);
        double fakeTerm = entry.getTerms().getDiscriminatorOrThrow(AcganObjective.CLASS_FAKE);
        double generatorTerm = entry.getTerms().getGeneratorOrThrow(AcganObjective.CLASS);
        assertTrue(entry.getDLoss() > realTerm + fakeTerm && entry.getGLoss() > generatorTerm, entry.toString());
        // Half the fakes' mean cross-entropy for the discriminator, all of it for the generator, on the same batch.
        assertTrue(Math.abs(2 * fakeTerm - generatorTerm) < 0.5, entry.toString());
      }
    }
  }
}
