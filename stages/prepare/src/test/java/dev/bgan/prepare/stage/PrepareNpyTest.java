package dev.bgan.prepare.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bgan.artifact.ArtifactStore;
import dev.bgan.common.BadInputException;
import dev.bgan.common.Sha256;
import dev.bgan.dataset.DatasetArtifacts;
import dev.bgan.dataset.ImageSplit;
import dev.bgan.prepare.npy.NpyFiles;
import dev.bgan.proto.DatasetSummary;
import dev.bgan.testing.DigitsNpy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code prepare npy} on scikit-learn's digits: the shards hold numpy's scaling of the same files. */
@Tag("real-data")
class PrepareNpyTest {
  @TempDir Path tmp;

  @Test
  void digitsShardsEqualNumpysComputation() throws IOException {
    DigitsNpy.Expected expected = DigitsNpy.write(tmp);
    NpyFiles files = new NpyFiles(tmp.resolve("x_tr.npy"), tmp.resolve("y_tr.npy"), tmp.resolve("x_te.npy"),
        tmp.resolve("y_te.npy"));
    ArtifactStore store = ArtifactStore.open(tmp.resolve("store"));
    ArtifactStore.Produced produced = DatasetPreparers.npy(files, "digits").run(store, PrepareRequest.defaults());
    PreparedDatasets.assertFreshAndVerified(store, produced, "digits", NpyFiles.ROLES,
        role -> Sha256.ofFile(files.byRole().get(role)));
    DatasetSummary summary = DatasetArtifacts.summary(produced.artifact());
    assertEquals(List.of(8, 8, 1, 10), List.of(summary.getHeight(), summary.getWidth(), summary.getChannels(),
        summary.getNumClasses()));
    assertEquals("rint(x*255/16): whole numbers within 0..16, scaled so 16 -> 255", summary.getPixelScaling());
    ImageSplit train = DatasetArtifacts.loadSplit(produced.artifact(), "train");
    ImageSplit test = DatasetArtifacts.loadSplit(produced.artifact(), "test");
    assertEquals(expected.trainCount(), train.size());
    assertEquals(expected.testCount(), test.size());
    assertEquals(expected.trainPixels(), Sha256.of(train.pixels()));
    assertEquals(expected.testPixels(), Sha256.of(test.pixels()));
    assertEquals(expected.trainLabels(), Sha256.of(asBytes(train.labels())));
    assertEquals(expected.testLabels(), Sha256.of(asBytes(test.labels())));
    assertEquals(expected.trainHistogram(), joined(summary.getSplits(0).getClassHistogramList()));
    assertEquals(expected.testHistogram(), joined(summary.getSplits(1).getClassHistogramList()));

    // Same files, same name: the run cache; another name is another dataset.
    assertTrue(DatasetPreparers.npy(files, "digits").run(store, PrepareRequest.defaults()).cached());
    assertEquals("prepare/digits-b", DatasetPreparers.npy(files, "digits-b").run(store, PrepareRequest.defaults())
        .artifact().manifest().getStage());
  }

  @Test
  void aBadFilePublishesNothing() throws IOException {
    DigitsNpy.write(tmp);
    byte[] labels = Files.readAllBytes(tmp.resolve("y_te.npy"));
    Files.write(tmp.resolve("y_te.npy"), java.util.Arrays.copyOf(labels, labels.length - 8));
    ArtifactStore store = ArtifactStore.open(tmp.resolve("store"));
    NpyFiles files = new NpyFiles(tmp.resolve("x_tr.npy"), tmp.resolve("y_tr.npy"), tmp.resolve("x_te.npy"),
        tmp.resolve("y_te.npy"));
    BadInputException e = org.junit.jupiter.api.Assertions.assertThrows(BadInputException.class,
        () -> DatasetPreparers.npy(files, "digits").run(store, PrepareRequest.defaults()));
    assertTrue(e.getMessage().startsWith(tmp.resolve("y_te.npy") + ": truncated"), e.getMessage());
    assertEquals(List.of(), store.list());
  }

  private static byte[] asBytes(int[] labels) {
    byte[] out = new byte[labels.length];
    for (int i = 0; i < labels.length; i++) {
      out[i] = (byte) labels[i];
    }
    return out;
  }

  private static String joined(List<Long> values) {
    return values.stream().map(String::valueOf).collect(Collectors.joining(","));
  }
}
