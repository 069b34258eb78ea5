package dev.bgan.prepare.stage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bgan.dataset.ImageRecord;
import dev.bgan.dataset.TfRecordFile;
import dev.bgan.prepare.MnistDataset;
import dev.bgan.prepare.MnistFiles;
import dev.bgan.prepare.MnistSplit;
import dev.bgan.prepare.SplitRecordReader;
import dev.bgan.testing.RealMnist;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shard writer on the first 1000 real test images, on the DirectRunner. */
@Tag("real-data")
class WriteShardsTest {
  private static final int COUNT = 1000;
  private static MnistDataset mnist;

  @TempDir Path tmp;

  @BeforeAll
  static void load() {
    mnist = MnistDataset.load(MnistFiles.locate(RealMnist.dir()));
  }

  @Test
  void shardsAreContiguousIndexRanges() {
    assertEquals(List.of(0L, 3L, 6L, 10L),
        Stream.of(0, 1, 2, 3).map(s -> WriteShards.shardStart(10, s, 3)).toList());
    assertEquals(List.of(0L, 0L, 1L), Stream.of(0, 1, 2).map(s -> WriteShards.shardStart(1, s, 2)).toList());
    assertEquals("train-00002-of-00004.tfrecord", WriteShards.shardName("train", 2, 4));
    assertEquals(List.of("test-00000-of-00002.tfrecord", "test-00001-of-00002.tfrecord"),
        WriteShards.shardNames("test", 2));
  }

  @Test
  void recordsReadBackInShardOrderAreTheSplitWhateverTheShardCount() throws IOException {
    for (int shards : new int[] {1, 3, 4, 7}) {
      Path dir = write(tmp.resolve("shards-" + shards), shards);
      List<ImageRecord> records = readBack(dir, shards);
      assertEquals(COUNT, records.size());
      for (int i = 0; i < COUNT; i++) {
        assertEquals(mnist.record(MnistSplit.TEST, i), records.get(i), "record " + i + " with " + shards + " shards");
      }
    }
  }

  @Test
  void twoRunsWriteIdenticalBytes() throws IOException {
    Path first = write(tmp.resolve("first"), 4);
    Path second = write(tmp.resolve("second"), 4);
    for (String name : WriteShards.shardNames("test", 4)) {
      assertArrayEquals(Files.readAllBytes(first.resolve(name)), Files.readAllBytes(second.resolve(name)), name);
    }
    try (Stream<Path> files = Files.list(first)) {
      assertEquals(4, files.count(), "nothing but the shards");
    }
  }

  @Test
  void emptyShardsAreValidEmptyFiles() throws IOException {
    SplitRecordReader two = mnist.reader("test");
    Path dir = tmp.resolve("sparse");
    Files.createDirectories(dir);
    Pipeline pipeline = Pipeline.create(BeamRunner.DIRECT.options(tmp, "test"));
    pipeline.apply(WriteShards.of("test", 2, two).withNumShards(3).to(dir.toString()));
    pipeline.run().waitUntilFinish();
    assertEquals(0, Files.size(dir.resolve(WriteShards.shardName("test", 0, 3))));
    assertEquals(List.of(mnist.record(MnistSplit.TEST, 0), mnist.record(MnistSplit.TEST, 1)), readBack(dir, 3));
  }

  private Path write(Path dir, int shards) throws IOException {
    Files.createDirectories(dir);
    Pipeline pipeline = Pipeline.create(BeamRunner.DIRECT.options(tmp, "test"));
    pipeline.apply("WriteShards[test]",
        WriteShards.of("test", COUNT, mnist.reader("test")).withNumShards(shards).to(dir.toString()));
    pipeline.run().waitUntilFinish();
    return dir;
  }

  private static List<ImageRecord> readBack(Path dir, int shards) throws IOException {
    List<ImageRecord> records = new ArrayList<>();
    for (String name : WriteShards.shardNames("test", shards)) {
      for (byte[] bytes : TfRecordFile.readAll(dir.resolve(name))) {
        records.add(ImageRecord.parse(bytes));
      }
    }
    return records;
  }
}
