package dev.bgan.train.classifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bgan.artifact.Artifact;
import dev.bgan.artifact.ArtifactStore;
import dev.bgan.artifact.CachePolicy;
import dev.bgan.common.BadInputException;
import dev.bgan.dataset.ImageSplit;
import dev.bgan.proto.ClassifierConfig;
import dev.bgan.proto.ClassifierSummary;
import dev.bgan.proto.PayloadFile;
import dev.bgan.testing.TestDatasets;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassifierStageTest {
  @TempDir Path tmp;

  /**
   * Two classes a linear model separates: a bright square in the top-left or bottom-right corner
   * on noise. A classifier that trains at all reaches near-perfect accuracy; one that does not
   * stays near chance.
   */
  private static ImageSplit corners(String name, int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int side = 8;
    int[] labels = new int[count];
    byte[] pixels = new byte[count * side * side];
    for (int i = 0; i < count; i++) {
      labels[i] = random.nextInt(2);
      for (int p = 0; p < side * side; p++) {
        int row = p / side;
        int col = p % side;
        boolean square = labels[i] == 0 ? row < 3 && col < 3 : row >= 5 && col >= 5;
        pixels[i * side * side + p] = (byte) (square ? 200 + random.nextInt(56) : random.nextInt(120));
      }
    }
    return new ImageSplit(name, side, side, 1, labels, pixels);
  }

  private static ClassifierConfig config() {
    return ClassifierStage.defaults().setEpochs(2).setBatchSize(32).setWidth(4).setFeatureDim(16).build();
  }

  private String publish(ArtifactStore store) throws IOException {
    return TestDatasets.publish(store, "corners", 2, corners("train", 640, 1), corners("test", 200, 2));
  }

  @Test
  void learnsRecordsAccuracyPerEpochAndIsByteIdenticalAcrossStores() throws IOException {
    ArtifactStore first = ArtifactStore.open(tmp.resolve("a"));
    ArtifactStore second = ArtifactStore.open(tmp.resolve("b"));
    Artifact a = new ClassifierStage().run(first, publish(first), config(), CachePolicy.REUSE).artifact();
    Artifact b = new ClassifierStage().run(second, publish(second), config(), CachePolicy.REUSE).artifact();

    ClassifierSummary summary = a.manifest().getClassifier();
    assertEquals(2, summary.getTestAccuracyCount());
    assertTrue(summary.getTestAccuracy(1) > 0.95, summary.toString());
    assertEquals(16, summary.getFeatureDim());
    assertEquals("conv3x3(4)-bn-relu-maxpool2, conv3x3(8)-bn-relu-maxpool2, fc(16)-relu, fc(2)", summary.getArchitecture());
    assertEquals(List.of(8, 8, 1), List.of(summary.getHeight(), summary.getWidth(), summary.getChannels()));
    assertEquals(a.id(), b.id());
    assertEquals(payload(a), payload(b));
    assertFalse(payload(a).isEmpty());
    assertTrue(first.verify(a.id()).ok(), first.verify(a.id()).toString());
  }

  @Test
  void stepSizeHalvesEachEpochByDefaultAndBadDecaysAreRefused() {
    ClassifierConfig config = ClassifierStage.defaults().build();
    assertEquals(1e-3, ClassifierStage.learningRate(config, 0), 0);
    assertEquals(2.5e-4, ClassifierStage.learningRate(config, 2), 1e-18);
    assertEquals(1e-3, ClassifierStage.learningRate(config.toBuilder().setLrEpochFactor(1).build(), 3), 0);
    for (double bad : new double[] {0, -0.5, 1.5, Double.NaN}) {
      BadInputException e = assertThrows(BadInputException.class,
          () -> ClassifierStage.validate(config.toBuilder().setLrEpochFactor(bad).build()));
      assertTrue(e.getMessage().startsWith("parameter lr_epoch_factor:"), e.getMessage());
    }
  }

  @Test
  void refusesBadConfigsAndInputsOfTheWrongKind() throws IOException {
    ArtifactStore store = ArtifactStore.open(tmp.resolve("s"));
    String data = publish(store);
    BadInputException epochs = assertThrows(BadInputException.class, () -> new ClassifierStage().run(store, data,
        config().toBuilder().setEpochs(0).build(), CachePolicy.REUSE));
    assertTrue(epochs.getMessage().contains("epochs"), epochs.getMessage());
    BadInputException batch = assertThrows(BadInputException.class, () -> new ClassifierStage().run(store, data,
        config().toBuilder().setBatchSize(10_000).build(), CachePolicy.REUSE));
    assertTrue(batch.getMessage().contains("batch_size"), batch.getMessage());
    assertTrue(store.list().stream().noneMatch(x -> x.id().startsWith(ClassifierStage.KIND)));
  }

  private static Map<String, String> payload(Artifact artifact) {
    return artifact.manifest().getFilesList().stream()
        .collect(Collectors.toMap(PayloadFile::getPath, PayloadFile::getSha256));
  }
}
