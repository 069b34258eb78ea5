package dev.bgan.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bgan.common.BadInputException;
import dev.bgan.dataset.ImageSplit;
import dev.bgan.proto.TrainConfig;
import dev.bgan.train.nn.DcganFamily;
import dev.bgan.train.nn.DcganGeometry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DCGAN ensemble on real MNIST: its members are distinct, and each is an independent DCGAN:
 * member 0 is byte for byte the lone maximum-likelihood DCGAN of the same seed, which any
 * cross-talk between members (a discriminator seeing another member's fakes) would break.
 */
@Tag("real-data")
class EnsembleTest {
  @TempDir Path work;

  private static TrainConfig.Builder tiny() {
    return TrainConfigs.defaults().setSemiSupervised(true).setN(100).setTrainIter(20).setNSave(10)
        .setBatchSize(16).setGfDim(4).setDfDim(4).setSupervisedBaseline(false).setLogTestSize(50).setRandomSeed(9);
  }

  private Path train(TrainConfig config, String name) throws IOException {
    TrainConfigs.validate(config);
    ImageSplit train = RealMnistSplits.train(1000);
    Path dir = work.resolve(name);
    Files.createDirectories(dir);
    int[] labeled = LabeledSubset.draw(train.labels(), 10, config.getN(), config.getRandomSeed());
    new BayesianGanTrainer(config, new GanNetworks(config, new DcganFamily(new DcganGeometry(28, 28, 1), config.getGfDim(), config.getDfDim()), 10), new ImageBatches(train),
        RealMnistSplits.test(50), labeled, dir).run();
    return ModelLayout.sampleDir(dir, 20);
  }

  @Test
  void membersDifferAndEachIsAnIndependentDcgan() throws IOException {
    Path ensemble = train(tiny().setMlEnsemble(3).build(), "ensemble");
    Path lone = train(tiny().setMl(true).build(), "lone");
    byte[][] discriminators = new byte[3][];
    byte[][] generators = new byte[3][];
    for (int k = 0; k < 3; k++) {
      discriminators[k] = Files.readAllBytes(ModelLayout.discriminator(ensemble, k, TrainStage.VERSION));
      generators[k] = Files.readAllBytes(ModelLayout.generator(ensemble, k));
    }
    for (int a = 0; a < 3; a++) {
      for (int b = a + 1; b < 3; b++) {
        assertTrue(!java.util.Arrays.equals(discriminators[a], discriminators[b]), "discriminators " + a + ", " + b);
        assertTrue(!java.util.Arrays.equals(generators[a], generators[b]), "generators " + a + ", " + b);
      }
    }
    assertArrayEquals(Files.readAllBytes(ModelLayout.discriminator(lone, 0, TrainStage.VERSION)), discriminators[0]);
    assertArrayEquals(Files.readAllBytes(ModelLayout.generator(lone, 0)), generators[0]);
  }

  @Test
  void refusesBayesianStructureInsideAMember() {
    BadInputException e = assertThrows(BadInputException.class,
        () -> TrainConfigs.validate(tiny().setMlEnsemble(2).setNumz(2).build()));
    assertTrue(e.getMessage().contains("ml_ensemble"), e.getMessage());
  }
}
