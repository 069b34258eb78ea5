package dev.bgan.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bgan.artifact.Artifact;
import dev.bgan.artifact.ArtifactStore;
import dev.bgan.artifact.CachePolicy;
import dev.bgan.common.ProtoJson;
import dev.bgan.prepare.MnistSources;
import dev.bgan.prepare.stage.DatasetPreparers;
import dev.bgan.prepare.stage.PrepareRequest;
import dev.bgan.proto.EvaluationMetrics;
import dev.bgan.testing.GoldenStores;
import dev.bgan.testing.RealMnist;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Today's evaluate stage, on the models of earlier train stage versions (GoldenStores) and the real
 * MNIST they were trained on, computes the accuracies that the evaluate stage of their time
 * recorded: the model average, each discriminator sample's, the supervised baseline's.
 */
@Tag("real-data")
class EarlierModelsEvaluationTest {
  private static ArtifactStore store;

  @BeforeAll
  static void prepareMnistAndCopyTheGoldenStores(@TempDir Path dir) throws IOException {
    store = ArtifactStore.open(dir);
    String data = DatasetPreparers.mnist(MnistSources.standard())
        .run(store, PrepareRequest.defaults().withSourceDir(RealMnist.dir())).artifact().id();
    GoldenStores.TRAIN_VERSIONS.forEach(version -> GoldenStores.copy(version, dir));
    for (int version : GoldenStores.TRAIN_VERSIONS) {
      String model = GoldenStores.properties(version).getProperty("model");
      assertEquals(data, store.require(model, "model").manifest().getInputs(0).getId(), "the model's dataset");
    }
  }

  static Iterable<Integer> versions() {
    return GoldenStores.TRAIN_VERSIONS;
  }

  @ParameterizedTest(name = "train stage version {0}")
  @MethodSource("versions")
  void accuraciesAreThoseItsEvaluationRecorded(int version) throws IOException {
    Properties golden = GoldenStores.properties(version);
    EvaluationMetrics then = read(store.require(golden.getProperty("metrics"), "metrics"));
    EvaluationMetrics now = read(new EvaluateStage().run(store, golden.getProperty("model"),
        EvaluateStage.defaults().setMetrics("accuracy").build(), CachePolicy.REUSE).artifact());
    assertEquals(then.getSemiSupervisedAccuracy(), now.getSemiSupervisedAccuracy());
    assertEquals(then.getSupervisedAccuracy(), now.getSupervisedAccuracy());
    assertEquals(then.getPerSampleAccuracyList(), now.getPerSampleAccuracyList());
    assertEquals(then.getAveragedIterationsList(), now.getAveragedIterationsList());
  }

  private static EvaluationMetrics read(Artifact metrics) throws IOException {
    return ProtoJson.read(metrics.file(EvaluateStage.METRICS_FILE), EvaluationMetrics.newBuilder()).build();
  }
}
