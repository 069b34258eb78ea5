package dev.bgan.prepare.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bgan.artifact.Artifact;
import dev.bgan.artifact.ArtifactStore;
import dev.bgan.common.BadInputException;
import dev.bgan.common.Sha256;
import dev.bgan.dataset.DatasetArtifacts;
import dev.bgan.dataset.ImageSplit;
import dev.bgan.prepare.svhn.SvhnDownload;
import dev.bgan.prepare.svhn.SvhnFiles;
import dev.bgan.prepare.svhn.SvhnSources;
import dev.bgan.proto.DatasetSummary;
import dev.bgan.proto.SourceFile;
import dev.bgan.testing.StoreAssertions;
import dev.bgan.testing.SvhnMatFixtures;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code prepare svhn} end to end on scipy-written files, against what numpy reads from them. */
@Tag("real-data")
class PrepareSvhnTest {
  private static final int TRAIN = 2000;
  private static final int TEST = 300;
  private static final int EXTRA = 500;
  /** Nothing listens on port 9 of the loopback interface: any download attempt fails at once. */
  private static final SvhnDownload OFFLINE_DOWNLOAD =
      new SvhnDownload(List.of(URI.create("http://127.0.0.1:9/")), SvhnFiles.OFFICIAL_MD5);
  private static final Preparer OFFLINE = DatasetPreparers.svhn(new SvhnSources(OFFLINE_DOWNLOAD), false);

  @TempDir static Path sourceDir;
  private static Map<String, Map<String, String>> numpy;
  private static ArtifactStore store;
  private static ArtifactStore.Produced prepared;

  @BeforeAll
  static void prepareOnce(@TempDir Path storeDir) throws IOException {
    Path train = SvhnMatFixtures.svhn(sourceDir.resolve(SvhnFiles.TRAIN), TRAIN, 11, "float64", true);
    Path test = SvhnMatFixtures.svhn(sourceDir.resolve(SvhnFiles.TEST), TEST, 12, "uint8", false);
    Path extra = SvhnMatFixtures.svhn(sourceDir.resolve(SvhnFiles.EXTRA), EXTRA, 13, "float64", true);
    numpy = Map.of("train", SvhnMatFixtures.numpyFacts(train), "test", SvhnMatFixtures.numpyFacts(test),
        "train+extra", SvhnMatFixtures.numpyFacts(train, extra));
    store = ArtifactStore.open(storeDir);
    prepared = OFFLINE.run(store, PrepareRequest.defaults().withSourceDir(sourceDir));
  }

  @Test
  void theArtifactHoldsTrainAndTestAndVerifies() {
    PreparedDatasets.assertFreshAndVerified(store, prepared, "svhn", List.of(SvhnFiles.TRAIN, SvhnFiles.TEST),
        name -> Sha256.ofFile(sourceDir.resolve(name)));
    Artifact artifact = prepared.artifact();
    DatasetSummary summary = DatasetArtifacts.summary(artifact);
    assertEquals(List.of(32, 32, 3), List.of(summary.getHeight(), summary.getWidth(), summary.getChannels()));
    assertEquals(List.of((long) TRAIN, (long) TEST), List.of(summary.getSplits(0).getCount(),
        summary.getSplits(1).getCount()));
  }

  @Test
  void shardsReadBackAsNumpyReadsTheMatFiles() throws IOException {
    for (String split : List.of("train", "test")) {
      assertSplitAgreesWithNumpy(DatasetArtifacts.loadSplit(prepared.artifact(), split), numpy.get(split));
    }
  }

  @Test
  void labelTenBecameZero() throws IOException {
    // The fixture's first label is 10 (see SvhnMatFixtures).
    assertEquals(0, DatasetArtifacts.loadSplit(prepared.artifact(), "train").labels()[0]);
    assertTrue(numpy.get("train").get("first_labels").startsWith("0,"));
  }

  @Test
  void aSecondRunIsACacheHit() throws IOException {
    ArtifactStore.Produced again = OFFLINE.run(store, PrepareRequest.defaults().withSourceDir(sourceDir));
    assertTrue(again.cached());
    assertEquals(prepared.artifact().id(), again.artifact().id());
  }

  @Test
  void theExtraImagesMakeAnotherArtifact(@TempDir Path otherDir) throws IOException {
    ArtifactStore other = ArtifactStore.open(otherDir);
    Artifact withExtra = DatasetPreparers.svhn(new SvhnSources(OFFLINE_DOWNLOAD), true)
        .run(other, PrepareRequest.defaults().withSourceDir(sourceDir).withNumShards(3)).artifact();
    assertTrue(other.verify(withExtra.id()).ok());
    assertNotEquals(prepared.artifact().id(), withExtra.id());
    assertEquals("prepare/svhn_extra", withExtra.manifest().getStage());
    assertEquals(Map.of("dataset", "svhn_extra", "num_shards", "3"), withExtra.manifest().getParamsMap());
    assertEquals(List.of(SvhnFiles.TRAIN, SvhnFiles.TEST, SvhnFiles.EXTRA),
        withExtra.manifest().getSourcesList().stream().map(SourceFile::getName).toList());
    assertSplitAgreesWithNumpy(DatasetArtifacts.loadSplit(withExtra, "train"), numpy.get("train+extra"));
    assertSplitAgreesWithNumpy(DatasetArtifacts.loadSplit(withExtra, "test"), numpy.get("test"));
  }

  @Test
  void filesAlreadyInTheStoresSourcesAreUsedWithoutDownloading(@TempDir Path otherDir) throws IOException {
    ArtifactStore other = ArtifactStore.open(otherDir);
    Path sources = other.sourcesDir("svhn");
    for (String name : SvhnFiles.names(false)) {
      Files.copy(sourceDir.resolve(name), sources.resolve(name));
    }
    // The fixtures are not the official files: expect their MD5s, as a download would.
    SvhnDownload fixtureMd5s = new SvhnDownload(List.of(URI.create("http://127.0.0.1:9/")), Map.of(
        SvhnFiles.TRAIN, md5(sources.resolve(SvhnFiles.TRAIN)), SvhnFiles.TEST, md5(sources.resolve(SvhnFiles.TEST))));
    ArtifactStore.Produced fromSources = DatasetPreparers.svhn(new SvhnSources(fixtureMd5s), false)
        .run(other, PrepareRequest.defaults());
    assertEquals(prepared.artifact().id(), fromSources.artifact().id(), "same files, same artifact");
    assertEquals(sources.resolve(SvhnFiles.TRAIN).toUri().toString(),
        fromSources.artifact().manifest().getSources(0).getOrigin());
  }

  @Test
  void aTruncatedFilePublishesNothing(@TempDir Path truncatedDir, @TempDir Path otherDir) throws IOException {
    for (String name : SvhnFiles.names(false)) {
      Files.copy(sourceDir.resolve(name), truncatedDir.resolve(name));
    }
    Path train = truncatedDir.resolve(SvhnFiles.TRAIN);
    byte[] bytes = Files.readAllBytes(train);
    Files.write(train, Arrays.copyOf(bytes, bytes.length - 1000));
    ArtifactStore other = ArtifactStore.open(otherDir);
    BadInputException e = assertThrows(BadInputException.class,
        () -> OFFLINE.run(other, PrepareRequest.defaults().withSourceDir(truncatedDir)));
    assertEquals(train + ": truncated or corrupt: the data ends inside a variable", e.getMessage());
    StoreAssertions.assertNothingPublished(other);
  }

  private static void assertSplitAgreesWithNumpy(ImageSplit split, Map<String, String> facts) {
    assertEquals(facts.get("count"), Integer.toString(split.size()));
    assertEquals(facts.get("pixels_sha256"), Sha256.of(split.pixels()));
    byte[] labels = new byte[split.size()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = (byte) split.labels()[i];
    }
    assertEquals(facts.get("labels_sha256"), Sha256.of(labels));
  }

  private static String md5(Path file) throws IOException {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(Files.readAllBytes(file)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
