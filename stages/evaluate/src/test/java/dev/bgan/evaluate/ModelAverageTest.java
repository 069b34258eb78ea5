package dev.bgan.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import dev.bgan.artifact.Artifact;
import dev.bgan.artifact.ArtifactStore;
import dev.bgan.artifact.CachePolicy;
import dev.bgan.common.ProtoJson;
import dev.bgan.dataset.ImageSplit;
import dev.bgan.proto.EvaluationMetrics;
import dev.bgan.proto.TrainConfig;
import dev.bgan.testing.TestDatasets;
import dev.bgan.train.DiscriminatorClassifier;
import dev.bgan.train.GanNetworks;
import dev.bgan.train.ModelLayout;
import dev.bgan.train.RealMnistSplits;
import dev.bgan.train.TrainConfigs;
import dev.bgan.train.TrainStage;
import dev.bgan.train.nn.DcganFamily;
import dev.bgan.train.nn.DcganGeometry;
import dev.bgan.train.nn.Network;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The model average covers every discriminator of every averaged iteration: J_d chains of a
 * Bayesian GAN, and the K members of a DCGAN ensemble. Checked against the average recomputed
 * here from the saved samples, on real MNIST.
 */
@Tag("real-data")
class ModelAverageTest {
  @TempDir Path tmp;

  static Stream<TrainConfig> models() {
    TrainConfig.Builder tiny = TrainConfigs.defaults().setSemiSupervised(true).setN(100).setTrainIter(20)
        .setNSave(10).setBatchSize(16).setGfDim(4).setDfDim(4).setLogTestSize(50).setRandomSeed(4);
    return Stream.of(tiny.clone().setNumDisc(2).build(), tiny.clone().setMlEnsemble(3).build());
  }

  @ParameterizedTest
  @MethodSource("models")
  void averagesEveryDiscriminatorSample(TrainConfig config) throws IOException {
    ArtifactStore store = ArtifactStore.open(tmp.resolve("store"));
    ImageSplit test = RealMnistSplits.test(300);
    String data = TestDatasets.publish(store, "mnist-head", 10, RealMnistSplits.train(1000), test);
    String modelId = new TrainStage().run(store, data, config, CachePolicy.REUSE).artifact().id();
    Artifact metricsArtifact = new EvaluateStage().run(store, modelId,
        EvaluateStage.defaults().setBurnIn(0).setGridSide(2).build(), CachePolicy.REUSE).artifact();
    EvaluationMetrics metrics = ProtoJson.read(metricsArtifact.file(EvaluateStage.METRICS_FILE),
        EvaluationMetrics.newBuilder()).build();

    GanNetworks networks = new GanNetworks(config, new DcganFamily(new DcganGeometry(28, 28, 1), config.getGfDim(), config.getDfDim()), 10);
    int chains = networks.discriminatorCount();
    Artifact model = store.require(modelId, "model");
    assertEquals(chains, model.manifest().getModel().getNumDiscriminatorSamples());
    assertEquals(2 * chains, metrics.getNumDiscriminatorSamples());
    assertEquals(2 * chains, metrics.getPerSampleAccuracyCount());
    float[] mean = new float[test.size() * 11];
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      for (int iteration : new int[] {10, 20}) {
        for (int k = 0; k < chains; k++) {
          Network d = networks.discriminator(m, k);
          d.load(ModelLayout.discriminator(ModelLayout.sampleDir(model.dir(), iteration), k, TrainStage.VERSION), m);
          float[] p = DiscriminatorClassifier.probabilities(d, test, test.size(), m);
          for (int i = 0; i < p.length; i++) {
            mean[i] += p[i] / (2 * chains);
          }
        }
      }
    }
    assertEquals(DiscriminatorClassifier.accuracy(mean, 1, test.labels(), test.size()),
        metrics.getSemiSupervisedAccuracy(), 1.5 / test.size());
  }
}
