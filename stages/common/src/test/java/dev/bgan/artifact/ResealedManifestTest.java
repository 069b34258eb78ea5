package dev.bgan.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bgan.common.BadInputException;
import dev.bgan.dataset.DatasetArtifacts;
import dev.bgan.dataset.ImageSplit;
import dev.bgan.proto.ArtifactManifest;
import dev.bgan.proto.DatasetSummary;
import dev.bgan.testing.TestDatasets;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dataset manifest edited and resealed by hand verifies (the seal is a checksum, not a
 * signature), so its summary is checked against the payload when a stage reads it: an
 * inconsistent num_classes is one line, not an IndexOutOfBoundsException deep in training.
 */
class ResealedManifestTest {
  @TempDir Path root;

  private String publish(ArtifactStore store) throws IOException {
    int[] labels = {0, 1, 2, 0, 1, 2};
    ImageSplit train = new ImageSplit("train", 2, 2, 1, labels, new byte[6 * 4]);
    ImageSplit test = new ImageSplit("test", 2, 2, 1, labels, new byte[6 * 4]);
    return TestDatasets.publish(store, "three", 3, train, test);
  }

  private static void reseal(Artifact artifact, java.util.function.UnaryOperator<DatasetSummary.Builder> edit)
      throws IOException {
    ArtifactManifest m = artifact.manifest();
    ManifestFiles.write(artifact.dir(), m.toBuilder().setDataset(edit.apply(m.getDataset().toBuilder())).build());
  }

  @Test
  void aLabelBeyondNumClassesIsOneLine() throws IOException {
    ArtifactStore store = ArtifactStore.open(root);
    String id = publish(store);
    reseal(store.find(id).orElseThrow(), s -> {
      s.setNumClasses(2);
      s.getSplitsBuilderList().forEach(split -> split.clearClassHistogram().addClassHistogram(2).addClassHistogram(2));
      return s;
    });
    assertTrue(store.verify(id).ok(), "a resealed manifest verifies");
    Artifact data = store.require(id, "dataset");
    BadInputException e = assertThrows(BadInputException.class, () -> DatasetArtifacts.loadSplit(data, "train"));
    assertEquals("dataset " + id + ": its manifest is inconsistent: record 2 of split train has label 2, beyond"
        + " num_classes 2", e.getMessage());
  }

  @Test
  void aHistogramThatDisagreesWithNumClassesOrTheRecordsIsOneLine() throws IOException {
    ArtifactStore store = ArtifactStore.open(root);
    String id = publish(store);
    reseal(store.find(id).orElseThrow(), s -> s.setNumClasses(4));
    BadInputException e = assertThrows(BadInputException.class,
        () -> DatasetArtifacts.summary(store.require(id, "dataset")));
    assertEquals("dataset " + id + ": its manifest is inconsistent: split train has a histogram of 3 classes for"
        + " num_classes 4", e.getMessage());
    reseal(store.find(id).orElseThrow(), s -> {
      s.setNumClasses(3);
      s.getSplitsBuilder(0).setClassHistogram(0, 3).setClassHistogram(1, 1);
      return s;
    });
    e = assertThrows(BadInputException.class, () -> DatasetArtifacts.loadSplit(store.require(id, "dataset"), "train"));
    assertEquals("dataset " + id + ": its manifest is inconsistent: split train has 2 records of class 0, its"
        + " histogram says 3", e.getMessage());
  }
}
