package dev.bgan.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.bgan.artifact.Artifact;
import dev.bgan.artifact.ArtifactStore;
import dev.bgan.artifact.CachePolicy;
import dev.bgan.common.BadInputException;
import dev.bgan.dataset.ImageSplit;
import dev.bgan.dataset.PointSplit;
import dev.bgan.proto.TrainConfig;
import dev.bgan.testing.TestDatasets;
import dev.bgan.train.nn.FullyConnectedFamily;
import dev.bgan.train.nn.Network;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training on a point dataset picks the fully-connected nets and saves generators of points. */
class PointTrainingTest {
  @TempDir Path storeDir;

  private static PointSplit twoClusters(int n, int dim) {
    SplittableRandom random = new SplittableRandom(7);
    int[] labels = new int[n];
    float[] values = new float[n * dim];
    for (int i = 0; i < n; i++) {
      labels[i] = i % 2;
      for (int d = 0; d < dim; d++) {
        values[i * dim + d] = (float) (random.nextGaussian() * 0.1 + (labels[i] == 0 ? -1 : 1));
      }
    }
    return new PointSplit("train", dim, labels, values);
  }

  private static TrainConfig config(String arch) {
    return TrainConfigs.defaults().setArch(arch).setNumz(2).setTrainIter(4).setNSave(2).setBatchSize(8)
        .setZDim(3).setGfDim(16).setDfDim(16).setOptimizer("adam").setLr(1e-2).setAlpha(1e-3).setPriorStd(10)
        .setN(10).setRandomSeed(3).build();
  }

  @Test
  void trainsTheFullyConnectedPairOnPoints() throws IOException {
    ArtifactStore store = ArtifactStore.open(storeDir);
    String data = TestDatasets.publishPoints(store, "clusters", 2, twoClusters(200, 5));
    Artifact model = new TrainStage().run(store, data, config(""), CachePolicy.REUSE).artifact();
    assertEquals(java.util.List.of(2, 4), model.manifest().getModel().getSavedIterationsList());
    assertEquals(2, model.manifest().getModel().getNumGeneratorSamples());

    GanNetworks networks = new GanNetworks(config("fc"), new FullyConnectedFamily(5, 16, 16), 2);
    try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      Network g = networks.generator(manager, 1);
      Path saved = ModelLayout.generator(ModelLayout.sampleDir(model.dir(), 4), 1);
      byte[] before = Files.readAllBytes(saved);
      g.load(saved, manager);
      NDArray fakes = g.forward(manager.randomUniform(-1f, 1f, new Shape(6, 3)), false);
      assertEquals(new Shape(6, 5), fakes.getShape());
      // The loaded sample is the trained one, not a fresh initialisation.
      Network fresh = networks.generator(manager, 1);
      assertEquals(false, java.util.Arrays.equals(g.trainable().get(0).toFloatArray(),
          fresh.trainable().get(0).toFloatArray()));
      assertArrayEquals(before, Files.readAllBytes(saved));
    }
  }

  @Test
  void architectureMustFitTheData() throws IOException {
    ArtifactStore store = ArtifactStore.open(storeDir);
    String points = TestDatasets.publishPoints(store, "clusters", 2, twoClusters(20, 5));
    BadInputException e = assertThrows(BadInputException.class,
        () -> new TrainStage().run(store, points, config("orig"), CachePolicy.REUSE));
    assertEquals("parameter arch: needs a dataset of images, clusters holds points (got orig)", e.getMessage());
    ImageSplit images = new ImageSplit("train", 2, 2, 1, new int[] {0, 1}, new byte[8]);
    String imageData = TestDatasets.publish(store, "tiny", 2, images, new ImageSplit("test", 2, 2, 1, new int[] {0},
        new byte[4]));
    assertThrows(BadInputException.class, () -> new TrainStage().run(store, imageData, config("fc"), CachePolicy.REUSE));
    assertThrows(BadInputException.class, () -> new TrainStage().run(store, points,
        config("").toBuilder().setSemiSupervised(true).build(), CachePolicy.REUSE));
    assertThrows(BadInputException.class, () -> TrainConfigs.validate(config("resnet")));
  }
}
