package dev.bgan.prepare.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bgan.artifact.Artifact;
import dev.bgan.artifact.ArtifactStore;
import dev.bgan.artifact.CachePolicy;
import dev.bgan.common.BadInputException;
import dev.bgan.dataset.DatasetArtifacts;
import dev.bgan.dataset.ImageRecord;
import dev.bgan.dataset.ImageSplit;
import dev.bgan.prepare.ImageDatasetSource;
import dev.bgan.prepare.SplitRecordReader;
import dev.bgan.proto.DatasetSummary;
import dev.bgan.proto.PrepareConfig;
import dev.bgan.proto.SourceFile;
import dev.bgan.proto.SplitSummary;
import dev.bgan.testing.StoreAssertions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generic prepare stage on a tiny synthetic source: 2x2 images whose pixels encode their index. */
class PrepareDatasetTest {
  @TempDir Path storeDir;

  @Test
  void writesEverySplitAndFillsInTheShardFiles() throws IOException {
    ArtifactStore store = ArtifactStore.open(storeDir);
    Artifact artifact = PrepareDataset.run(store, new TinySource(false), config("tiny", 2), CachePolicy.REUSE,
        BeamRunner.DIRECT).artifact();
    DatasetSummary summary = artifact.manifest().getDataset();
    assertEquals(List.of("data/train-00000-of-00002.tfrecord", "data/train-00001-of-00002.tfrecord"),
        summary.getSplits(0).getShardFilesList());
    ImageSplit train = DatasetArtifacts.loadSplit(artifact, "train");
    assertEquals(5, train.size());
    assertEquals(4, train.pixels()[4 * 4]);
    assertEquals(1, train.labels()[3]);
    assertEquals(3, DatasetArtifacts.loadSplit(artifact, "test").size());
    assertEquals("prepare/tiny", artifact.manifest().getStage());
  }

  @Test
  void flinkEmbeddedWritesTheSameBytesAsTheDirectRunner(@TempDir Path flinkStoreDir) throws IOException {
    Artifact direct = PrepareDataset.run(ArtifactStore.open(storeDir), new TinySource(false), config("tiny", 3),
        CachePolicy.REUSE, BeamRunner.DIRECT).artifact();
    Artifact flink = PrepareDataset.run(ArtifactStore.open(flinkStoreDir), new TinySource(false), config("tiny", 3),
        CachePolicy.REUSE, BeamRunner.flink("[local]", 2)).artifact();
    assertEquals(direct.id(), flink.id());
    assertEquals(direct.manifest().getFilesList(), flink.manifest().getFilesList());
    assertEquals(6, flink.manifest().getFilesCount(), "3 shards for each of 2 splits");
  }

  @Test
  void aFailingWorkerSurfacesAsItselfAndPublishesNothing() throws IOException {
    ArtifactStore store = ArtifactStore.open(storeDir);
    BadInputException e = assertThrows(BadInputException.class,
        () -> PrepareDataset.run(store, new TinySource(true), config("tiny", 2), CachePolicy.REUSE, BeamRunner.DIRECT));
    assertEquals("tiny.idx: record 4 is damaged", e.getMessage());
    StoreAssertions.assertNothingPublished(store);
  }

  @Test
  void configMustFitTheSource() {
    ArtifactStore store = ArtifactStore.open(storeDir);
    BadInputException wrongName = assertThrows(BadInputException.class,
        () -> PrepareDataset.run(store, new TinySource(false), config("mnist", 2), CachePolicy.REUSE, BeamRunner.DIRECT));
    assertEquals("parameter dataset: does not match the source tiny (got mnist)", wrongName.getMessage());
    BadInputException noShards = assertThrows(BadInputException.class,
        () -> PrepareDataset.run(store, new TinySource(false), config("tiny", 0), CachePolicy.REUSE, BeamRunner.DIRECT));
    assertEquals("parameter num_shards: must be 1..99999 (got 0)", noShards.getMessage());
    assertEquals(List.of(), store.list());
  }

  private static PrepareConfig config(String dataset, int shards) {
    return PrepareConfig.newBuilder().setDataset(dataset).setNumShards(shards).build();
  }

  /** Train: 5 images, test: 3; image i has every pixel = i and label i % 2. */
  private record TinySource(boolean damaged) implements ImageDatasetSource {
    @Override
    public String name() {
      return "tiny";
    }

    @Override
    public List<SourceFile> sourceFiles() {
      return List.of(SourceFile.newBuilder().setName("tiny.idx").setSha256("00").setOrigin("test").build());
    }

    @Override
    public DatasetSummary summary() {
      return DatasetSummary.newBuilder().setName("tiny").setHeight(2).setWidth(2).setChannels(1).setNumClasses(2)
          .addSplits(SplitSummary.newBuilder().setName("train").setCount(5).addClassHistogram(3).addClassHistogram(2))
          .addSplits(SplitSummary.newBuilder().setName("test").setCount(3).addClassHistogram(2).addClassHistogram(1))
          .build();
    }

    @Override
    public SplitRecordReader reader(String split) {
      boolean fail = damaged;
      return (start, end) -> {
        List<ImageRecord> records = new ArrayList<>();
        for (long i = start; i < end; i++) {
          if (fail && i == 4) {
            throw new BadInputException("tiny.idx: record 4 is damaged");
          }
          byte value = (byte) i;
          records.add(new ImageRecord(i, 2, 2, 1, (int) (i % 2), new byte[] {value, value, value, value}));
        }
        return records;
      };
    }
  }
}
