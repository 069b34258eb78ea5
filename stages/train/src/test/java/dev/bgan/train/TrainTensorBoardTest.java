package dev.bgan.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bgan.artifact.Artifact;
import dev.bgan.artifact.ArtifactStore;
import dev.bgan.artifact.CachePolicy;
import dev.bgan.dataset.ImageSplit;
import dev.bgan.proto.PayloadFile;
import dev.bgan.proto.TrainConfig;
import dev.bgan.testing.Python;
import dev.bgan.testing.TensorBoardDecoder;
import dev.bgan.testing.TestDatasets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training writes its curves as TensorBoard events beside the store ({@code .tensorboard/MODEL_ID}),
 * with real wall times and grouped tags, and the model artifact is byte for byte what it is without them.
 */
class TrainTensorBoardTest {
  @TempDir Path tmp;

  private static String tinyData(ArtifactStore store) throws Exception {
    SplittableRandom random = new SplittableRandom(3);
    int n = 60;
    int[] labels = new int[n];
    byte[] pixels = new byte[n * 64];
    for (int i = 0; i < n; i++) {
      labels[i] = i % 10;
    }
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) random.nextInt(256);
    }
    return TestDatasets.publish(store, "tiny", 10, new ImageSplit("train", 8, 8, 1, labels, pixels),
        new ImageSplit("test", 8, 8, 1, labels, pixels));
  }

  private static TrainConfig tiny() {
    return TrainConfigs.defaults().setSemiSupervised(true).setN(20).setNumz(1).setNumMcmc(1).setTrainIter(4)
        .setNSave(2).setBatchSize(8).setGfDim(8).setDfDim(8).setLogTestSize(20).setRandomSeed(5).build();
  }

  private static Map<String, String> payload(Artifact model) {
    return model.manifest().getFilesList().stream().collect(Collectors.toMap(PayloadFile::getPath, PayloadFile::getSha256));
  }

  @Test
  void eventsWithWallTimesAndGroupedTagsLandBesideTheStoreAndTheModelIsTheSameWithout() throws Exception {
    ArtifactStore withEvents = ArtifactStore.open(tmp.resolve("a"));
    double before = System.currentTimeMillis() / 1000.0;
    Artifact model = new TrainStage().run(withEvents, tinyData(withEvents), tiny(), CachePolicy.REUSE).artifact();
    double after = System.currentTimeMillis() / 1000.0;

    Path dir = tmp.resolve("a").resolve(ArtifactStore.TENSORBOARD).resolve(model.id());
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.toList();
    }
    assertEquals(1, files.size(), files.toString());
    assertTrue(files.get(0).getFileName().toString().startsWith("events.out.tfevents."));
    String[] out = Python.run(List.of("numpy"), TensorBoardDecoder.SCRIPT, files.get(0).toString(),
        model.file("training_log.json").toString()).trim().split(" ");
    assertEquals("3", out[0], "a version event, then one per saved iteration (2 and 4)");
    assertEquals("2", out[1]);
    assertEquals("20", out[2], "ten scalars per entry, each under its grouped tag");
    assertEquals(0.0, Double.parseDouble(out[3]));
    double first = Double.parseDouble(out[4]);
    double last = Double.parseDouble(out[5]);
    assertTrue(before - 1 <= first && first <= last && last <= after + 1, out[4] + " " + out[5]);
    assertFalse(payload(model).keySet().stream().anyMatch(p -> p.contains("tfevents")));
    assertFalse(Files.exists(tmp.resolve("a").resolve(model.id()).resolve("tensorboard")));

    ArtifactStore without = ArtifactStore.open(tmp.resolve("b"));
    Artifact plain = new TrainStage().withTensorBoard(false)
        .run(without, tinyData(without), tiny(), CachePolicy.REUSE).artifact();
    assertEquals(model.id(), plain.id());
    assertEquals(payload(plain), payload(model), "same payload files, same SHA-256");
    assertFalse(Files.exists(tmp.resolve("b").resolve(ArtifactStore.TENSORBOARD)));

    // The events outlive the work directory, not the model.
    assertTrue(withEvents.collectGarbage(false).removed().stream().noneMatch(p -> p.contains(ArtifactStore.TENSORBOARD)));
    assertTrue(Files.isDirectory(dir));
  }
}
