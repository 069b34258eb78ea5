package dev.bgan.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.util.Pair;
import dev.bgan.common.BadInputException;
import dev.bgan.dataset.ImageSplit;
import dev.bgan.proto.TrainConfig;
import dev.bgan.train.nn.DcganFamily;
import dev.bgan.train.nn.DcganGeometry;
import dev.bgan.train.nn.TensorFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gen_lr} on real MNIST, checked by Adam's definition: its first step moves every weight by
 * lr * g / (|g| + eps), about lr whatever the gradient. One maximum-likelihood iteration with lr
 * 1e-4, with and without gen_lr 1e-3, from the same seed: the discriminators (stepped first, with
 * lr) are byte-identical, and the generators differ by 0.9e-3 per weight (1e-3 - 1e-4) wherever the
 * gradient is not tiny.
 */
@Tag("real-data")
class GeneratorLearningRateTest {
  private static final double LR = 1e-4;
  private static final double GEN_LR = 1e-3;

  @TempDir Path work;

  private static TrainConfig.Builder oneStep() {
    return TrainConfigs.defaults().setMl(true).setLr(LR).setLrDecay(0).setTrainIter(1).setNSave(1).setBatchSize(16)
        .setGfDim(4).setDfDim(4).setSupervisedBaseline(false).setLogTestSize(0).setRandomSeed(5);
  }

  private Path train(TrainConfig config, String name) throws IOException {
    TrainConfigs.validate(config);
    ImageSplit train = RealMnistSplits.train(500);
    Path dir = Files.createDirectories(work.resolve(name));
    new BayesianGanTrainer(config, new GanNetworks(config,
        new DcganFamily(new DcganGeometry(28, 28, 1), config.getGfDim(), config.getDfDim()), 10),
        new ImageBatches(train), RealMnistSplits.test(50),
        LabeledSubset.draw(train.labels(), 10, config.getN(), config.getRandomSeed()), dir).run();
    return ModelLayout.sampleDir(dir, 1);
  }

  @Test
  void generatorsStepWithGenLrAndDiscriminatorsWithLr() throws IOException {
    Path shared = train(oneStep().build(), "lr");
    Path twoScales = train(oneStep().setGenLr(GEN_LR).build(), "gen_lr");
    assertArrayEquals(Files.readAllBytes(ModelLayout.discriminator(shared, 0, TrainStage.VERSION)),
        Files.readAllBytes(ModelLayout.discriminator(twoScales, 0, TrainStage.VERSION)));

    int moved = 0;
    int atStep = 0;
    try (NDManager manager = NDManager.newBaseManager()) {
      List<Pair<String, NDArray>> a = TensorFile.read(ModelLayout.generator(shared, 0), manager);
      List<Pair<String, NDArray>> b = TensorFile.read(ModelLayout.generator(twoScales, 0), manager);
      assertEquals(a.size(), b.size());
      for (int i = 0; i < a.size(); i++) {
        float[] x = a.get(i).getValue().toFloatArray();
        float[] y = b.get(i).getValue().toFloatArray();
        for (int j = 0; j < x.length; j++) {
          double step = Math.abs((double) y[j] - x[j]);
          assertTrue(step <= (GEN_LR - LR) * 1.001, a.get(i).getKey() + "[" + j + "] moved " + step);
          if (step > 0) {
            moved++;
            if (Math.abs(step / (GEN_LR - LR) - 1) < 0.03) {
              atStep++;
            }
          }
        }
      }
    }
    assertTrue(moved > 1000, "generator weights that gen_lr moved: " + moved);
    assertTrue(atStep >= 0.9 * moved, atStep + " of " + moved + " moved weights differ by gen_lr - lr");
  }

  @Test
  void refusesANonPositiveGenLr() {
    BadInputException e = assertThrows(BadInputException.class,
        () -> TrainConfigs.validate(oneStep().setGenLr(0).build()));
    assertTrue(e.getMessage().contains("gen_lr"), e.getMessage());
  }
}
