package dev.bgan.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.bgan.artifact.Artifact;
import dev.bgan.artifact.ArtifactStore;
import dev.bgan.proto.DatasetSummary;
import dev.bgan.testing.GoldenStores;
import dev.bgan.train.nn.Network;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A model artifact of every earlier train stage version, written by that version's code and
 * committed (GoldenStores), still verifies, opens through {@link TrainedModel} in its own layout
 * (version 1: one discriminator, {@code discriminator.params}, resize-convolution generators;
 * version 2: {@code discriminator-DD.params}, J_d discriminators) and computes, generator by
 * generator, discriminator by discriminator and for the supervised baseline, what that code
 * computed on the same fixed inputs.
 */
class EarlierModelsTest {
  /** Real MNIST's shape, which the golden models were trained on. */
  private static final DatasetSummary MNIST = DatasetSummary.newBuilder()
      .setName("mnist").setKind(DatasetSummary.Kind.IMAGES).setHeight(28).setWidth(28).setChannels(1).setNumClasses(10)
      .build();
  private static final int BATCH = 4;

  @TempDir Path tmp;

  static Iterable<Integer> versions() {
    return GoldenStores.TRAIN_VERSIONS;
  }

  @ParameterizedTest(name = "train stage version {0}")
  @MethodSource("versions")
  void opensInItsLayoutAndComputesWhatItsCodeComputed(int version) throws IOException {
    Properties golden = GoldenStores.properties(version);
    ArtifactStore store = ArtifactStore.open(GoldenStores.copy(version, tmp));
    String id = golden.getProperty("model");
    assertTrue(store.verify(id).ok(), store.verify(id).summary());
    Artifact artifact = store.require(id, "model");
    assertEquals(version, artifact.manifest().getStageVersion());
    TrainedModel model = TrainedModel.open(artifact, MNIST);
    int iteration = Integer.parseInt(golden.getProperty("iteration"));
    assertEquals(iteration, model.lastIteration());
    int zDim = model.config().getZDim();
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), TorchRuntime.engine().getEngineName())) {
      NDArray z = m.create(GoldenStores.pattern(BATCH * zDim, 1), new Shape(BATCH, zDim));
      NDArray x = m.create(GoldenStores.pattern(BATCH * 28 * 28, 0.5), new Shape(BATCH, 1, 28, 28));
      for (int g = 0; g < model.networks().generatorCount(); g++) {
        float[] y = model.generator(m, g, iteration).forward(z, false).toFloatArray();
        assertArrayEquals(GoldenStores.recorded(version, String.format("generator-%02d", g)), y, 1e-6f, "generator " + g);
      }
      for (int d = 0; d < model.networks().discriminatorCount(); d++) {
        Network discriminator = model.networks().discriminator(m, d);
        model.loadDiscriminator(discriminator, d, iteration, m);
        assertArrayEquals(GoldenStores.recorded(version, String.format("discriminator-%02d", d)),
            discriminator.forward(x, false).toFloatArray(), 1e-5f, "discriminator " + d);
      }
      assertArrayEquals(GoldenStores.recorded(version, "supervised"),
          model.supervised(m).forward(x, false).toFloatArray(), 1e-5f, "supervised baseline");
    }
  }

  /** Version 3's generators up-sample by transposed convolutions: another network, which refuses the old files. */
  @Test
  void theCurrentGeneratorIsAnotherNetworkAndRefusesAnEarlierOne() throws IOException {
    Properties golden = GoldenStores.properties(2);
    ArtifactStore store = ArtifactStore.open(GoldenStores.copy(2, tmp));
    Artifact artifact = store.require(golden.getProperty("model"), "model");
    TrainedModel model = TrainedModel.open(artifact, MNIST);
    assertEquals(3, TrainStage.VERSION);
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), TorchRuntime.engine().getEngineName())) {
      Network current = Network.create(NetworkFamilies.of(model.config(), MNIST).generator(model.config().getZDim()), m,
          new Shape(1, model.config().getZDim()), 1);
      Path file = ModelLayout.generator(ModelLayout.sampleDir(artifact.dir(), model.lastIteration()), 0);
      IOException e = assertThrows(IOException.class, () -> current.load(file, m));
      assertTrue(e.getMessage().contains("generator-00.params"), e.getMessage());
    }
  }
}
