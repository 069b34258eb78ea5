package dev.bgan.prepare.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bgan.artifact.Artifact;
import dev.bgan.artifact.ArtifactStore;
import dev.bgan.artifact.CachePolicy;
import dev.bgan.common.BadInputException;
import dev.bgan.common.Sha256;
import dev.bgan.dataset.DatasetArtifacts;
import dev.bgan.dataset.ImageSplit;
import dev.bgan.prepare.cifar.Cifar10Download;
import dev.bgan.prepare.cifar.Cifar10Files;
import dev.bgan.prepare.cifar.Cifar10Sources;
import dev.bgan.proto.DatasetSummary;
import dev.bgan.proto.SplitSummary;
import dev.bgan.testing.Cifar10TestFiles.Style;
import dev.bgan.testing.Cifar10TestFiles;
import dev.bgan.testing.StoreAssertions;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code prepare cifar10} end to end on full-size batches in the official layout (50000 training
 * and 10000 test images, pickled as Python 2 pickled the real ones), against numpy's reading of them.
 */
class PrepareCifar10Test {
  private static Path fullSize;
  private static Cifar10TestFiles.Expected numpy;
  private static Path small;
  private static Path smallArchive;
  private static Preparer offline;
  private static ArtifactStore store;
  private static ArtifactStore.Produced prepared;

  @BeforeAll
  static void prepareOnce(@TempDir Path tmp) throws IOException {
    fullSize = tmp.resolve("full");
    numpy = Cifar10TestFiles.writeBatches(fullSize, Style.PYTHON2, List.of(10000, 10000, 10000, 10000, 10000, 10000), 1);
    small = tmp.resolve("small");
    Cifar10TestFiles.writeBatches(small, Style.PYTHON3, List.of(4, 4, 4, 4, 4, 4), 2);
    smallArchive = tmp.resolve(Cifar10Files.ARCHIVE);
    String md5 = Cifar10TestFiles.writeArchive(small, smallArchive).get("md5");
    // Nothing listens on port 9 of the loopback interface: any download attempt fails at once.
    offline = DatasetPreparers.cifar10(new Cifar10Sources(
        new Cifar10Download(List.of(URI.create("http://127.0.0.1:9/" + Cifar10Files.ARCHIVE)), md5)));
    store = ArtifactStore.open(Files.createDirectory(tmp.resolve("store")));
    prepared = offline.run(store, PrepareRequest.defaults().withSourceDir(fullSize));
  }

  @Test
  void theArtifactHoldsAllOfItAndVerifies() {
    PreparedDatasets.assertFreshAndVerified(store, prepared, "cifar10", Cifar10Files.NAMES,
        name -> numpy.get("sha256." + name));
    DatasetSummary summary = DatasetArtifacts.summary(prepared.artifact());
    assertEquals(List.of(32, 32, 3), List.of(summary.getHeight(), summary.getWidth(), summary.getChannels()));
    assertEquals(numpy.get("label_names"), String.join(",", summary.getClassNamesList()));
    assertEquals(numpy.get("pixel_min"), Integer.toString(summary.getPixelMin()));
    assertEquals(numpy.get("pixel_max"), Integer.toString(summary.getPixelMax()));
    SplitSummary train = summary.getSplits(0);
    assertEquals("train", train.getName());
    assertEquals(50000, train.getCount());
    assertEquals(10000, summary.getSplits(1).getCount());
    for (SplitSummary split : summary.getSplitsList()) {
      assertEquals(numpy.get(split.getName() + ".histogram"),
          split.getClassHistogramList().stream().map(String::valueOf).collect(Collectors.joining(",")));
    }
    assertEquals(List.of("data/train-00000-of-00004.tfrecord", "data/train-00001-of-00004.tfrecord",
        "data/train-00002-of-00004.tfrecord", "data/train-00003-of-00004.tfrecord"), train.getShardFilesList());
  }

  @Test
  void shardsReadBackAsNumpysHwcArrays() throws IOException {
    for (String split : List.of("train", "test")) {
      ImageSplit loaded = DatasetArtifacts.loadSplit(prepared.artifact(), split);
      assertEquals(List.of(32, 32, 3), List.of(loaded.height(), loaded.width(), loaded.channels()));
      assertEquals(numpy.get(split + ".hwc_sha256"), Sha256.of(loaded.pixels()), split);
      byte[] labels = new byte[loaded.size()];
      for (int i = 0; i < labels.length; i++) {
        labels[i] = (byte) loaded.labels()[i];
      }
      assertEquals(numpy.get(split + ".labels_sha256"), Sha256.of(labels), split);
    }
  }

  @Test
  void aSecondRunIsACacheHit() throws IOException {
    ArtifactStore.Produced again = offline.run(store, PrepareRequest.defaults().withSourceDir(fullSize));
    assertTrue(again.cached());
    assertEquals(prepared.artifact().id(), again.artifact().id());
  }

  @Test
  void theArchiveAloneInTheSourceDirectoryIsUnpackedThere(@TempDir Path sourceDir, @TempDir Path otherDir)
      throws IOException {
    ArtifactStore other = ArtifactStore.open(otherDir);
    Artifact fromFiles = offline.run(other, PrepareRequest.defaults().withSourceDir(small)).artifact();
    Path archive = Files.copy(smallArchive, sourceDir.resolve(Cifar10Files.ARCHIVE));
    Artifact fromArchive = offline.run(other, PrepareRequest.defaults().withSourceDir(sourceDir)
        .withPolicy(CachePolicy.FORCE)).artifact();
    assertEquals(fromFiles.id(), fromArchive.id(), "the same files, wherever they come from, are the same artifact");
    assertEquals(archive.toUri().toString(), fromArchive.manifest().getSources(0).getOrigin());
    assertTrue(Files.isRegularFile(sourceDir.resolve(Cifar10Files.FOLDER).resolve("test_batch")));
  }

  @Test
  void anArchiveInTheStoresSourcesIsUsedWithoutDownloading(@TempDir Path otherDir) throws IOException {
    ArtifactStore other = ArtifactStore.open(otherDir);
    Path archive = Files.copy(smallArchive, other.sourcesDir("cifar10").resolve(Cifar10Files.ARCHIVE));
    Artifact artifact = offline.run(other, PrepareRequest.defaults()).artifact();
    assertTrue(other.verify(artifact.id()).ok());
    assertEquals(archive.toUri().toString(), artifact.manifest().getSources(0).getOrigin());
    assertEquals(24, DatasetArtifacts.loadSplit(artifact, "train").size() + DatasetArtifacts.loadSplit(artifact,
        "test").size());
  }

  @Test
  void aCorruptInputPublishesNothing(@TempDir Path sourceDir, @TempDir Path otherDir) throws IOException {
    for (String name : Cifar10Files.NAMES) {
      Files.copy(small.resolve(name), sourceDir.resolve(name));
    }
    Path batch = sourceDir.resolve("data_batch_3");
    byte[] bytes = Files.readAllBytes(batch);
    Files.write(batch, Arrays.copyOf(bytes, bytes.length - 1));
    ArtifactStore other = ArtifactStore.open(otherDir);
    BadInputException e = assertThrows(BadInputException.class,
        () -> offline.run(other, PrepareRequest.defaults().withSourceDir(sourceDir)));
    assertEquals(batch + ": truncated: the pickle ends after " + (bytes.length - 1) + " bytes, before its STOP opcode",
        e.getMessage());
    StoreAssertions.assertNothingPublished(other);
  }
}
