package dev.bgan.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import dev.bgan.dataset.ImageSplit;
import dev.bgan.proto.TrainConfig;
import dev.bgan.proto.TrainingLog;
import dev.bgan.proto.TrainingLogEntry;
import dev.bgan.train.nn.DcganGeometry;
import dev.bgan.train.nn.HeadFamily;
import dev.bgan.train.nn.Network;
import dev.bgan.train.nn.TransposedConv2d;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The HEAD networks at the reference's widths (96): discriminator maps 96, 192, 384, 512 at the ceil
 * sides of 28, 32 and 50, kernels 5 then 3, a 512-unit feature layer, K logits; the generator the
 * mirror image by transposed convolutions (T), ending at the image's shape; and a real training step on MNIST with them, semi-supervised
 * and unsupervised.
 */
class HeadFamilyTest {
  @TempDir Path work;

  @Test
  void featureMapsFollowTheCeilArithmeticAtEverySide() {
    assertEquals(List.of("96x14x14 k5", "192x7x7 k3", "384x4x4 k3", "512x2x2 k3", "512", "10"),
        discriminatorLayers(new DcganGeometry(28, 28, 1)));
    assertEquals(List.of("96x16x16 k5", "192x8x8 k3", "384x4x4 k3", "512x2x2 k3", "512", "10"),
        discriminatorLayers(new DcganGeometry(32, 32, 3)));
    assertEquals(List.of("96x25x25 k5", "192x13x13 k3", "384x7x7 k3", "512x4x4 k3", "512", "10"),
        discriminatorLayers(new DcganGeometry(50, 50, 3)));
    assertEquals(List.of("2048", "384x4x4 k3T", "192x7x7 k3T", "96x14x14 k3T", "1x28x28 k5T"),
        generatorLayers(new DcganGeometry(28, 28, 1)));
    assertEquals(List.of("2048", "384x4x4 k3T", "192x8x8 k3T", "96x16x16 k3T", "3x32x32 k5T"),
        generatorLayers(new DcganGeometry(32, 32, 3)));
    assertEquals(List.of("8192", "384x7x7 k3T", "192x13x13 k3T", "96x25x25 k3T", "3x50x50 k5T"),
        generatorLayers(new DcganGeometry(50, 50, 3)));
  }

  @Test
  void widthsAreCappedAt512() {
    assertEquals(List.of("64x14x14 k5", "128x7x7 k3", "256x4x4 k3", "512x2x2 k3", "512", "10"),
        layers(new HeadFamily(new DcganGeometry(28, 28, 1), 64, 64).discriminator(10), new Shape(1, 1, 28, 28)));
  }

  private static List<String> discriminatorLayers(DcganGeometry g) {
    return layers(new HeadFamily(g, 96, 96).discriminator(10), new Shape(1, g.channels(), g.height(), g.width()));
  }

  private static List<String> generatorLayers(DcganGeometry g) {
    return layers(new HeadFamily(g, 96, 96).generator(100), new Shape(1, 100));
  }

  /** The output of every convolution (maps x height x width, kernel) and linear layer (units) of an initialised block. */
  private static List<String> layers(Block block, Shape input) {
    TorchRuntime.engine();
    List<String> layers = new ArrayList<>();
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      Network.create(block, m, input, 1);
      Shape[] shapes = {input};
      for (Block layer : ((SequentialBlock) block).getChildren().values()) {
        shapes = layer.getOutputShapes(shapes);
        Shape out = shapes[0];
        if (layer instanceof Conv2d) {
          Parameter weight = layer.getParameters().get("weight");
          layers.add(out.get(1) + "x" + out.get(2) + "x" + out.get(3) + " k" + weight.getArray().getShape().get(2));
        } else if (layer instanceof TransposedConv2d) {
          Parameter weight = layer.getParameters().get("weight");
          layers.add(out.get(1) + "x" + out.get(2) + "x" + out.get(3) + " k" + weight.getArray().getShape().get(2) + "T");
        } else if (layer instanceof Linear) {
          layers.add(Long.toString(out.get(1)));
        }
      }
    }
    return layers;
  }

  /** Semi-supervised (K = 10 outputs) and unsupervised (one output: the sigmoid GAN). */
  @Tag("real-data")
  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void trainsARealIterationWithTheHeadArchitecture(boolean semiSupervised) throws IOException {
    TrainConfig config = TrainConfigs.defaults().setArch("head").setObjective("head").setSemiSupervised(semiSupervised)
        .setN(20).setTrainIter(1).setNSave(1).setBatchSize(8).setGfDim(8).setDfDim(8).setLogTestSize(50)
        .setRandomSeed(2).build();
    ImageSplit train = RealMnistSplits.train(200);
    GanNetworks networks = new GanNetworks(config, new HeadFamily(new DcganGeometry(28, 28, 1), 8, 8), 10);
    int[] labeled = LabeledSubset.draw(train.labels(), 10, config.getN(), config.getRandomSeed());
    TrainingLog log = new BayesianGanTrainer(config, networks, new ImageBatches(train), RealMnistSplits.test(50),
        labeled, work).run();
    assertEquals(semiSupervised ? 10 : 1, networks.discriminatorOutputs());
    TrainingLogEntry entry = log.getEntries(0);
    assertTrue(Double.isFinite(entry.getDLoss()) && Double.isFinite(entry.getGLoss()), entry.toString());
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      Network initial = networks.discriminator(m, 0);
      Network trained = networks.discriminator(m, 0);
      trained.load(ModelLayout.discriminator(ModelLayout.sampleDir(work, 1), 0, TrainStage.VERSION), m);
      float[] before = initial.trainable().get(0).toFloatArray();
      float[] after = trained.trainable().get(0).toFloatArray();
      assertTrue(MultiDiscriminatorTest.maxAbsDifference(before, after) > 0, "the step moved the first kernel");
    }
  }
}
