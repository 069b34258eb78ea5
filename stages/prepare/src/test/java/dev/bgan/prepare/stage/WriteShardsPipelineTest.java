package dev.bgan.prepare.stage;

import dev.bgan.dataset.ImageRecord;
import dev.bgan.prepare.MnistDataset;
import dev.bgan.prepare.MnistFiles;
import dev.bgan.prepare.MnistSplit;
import dev.bgan.testing.RealMnist;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.LongStream;
import org.apache.beam.sdk.io.TFRecordIO;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.runner.Description;
import org.junit.runners.model.Statement;

/**
 * {@link WriteShards} in Beam's own testing idiom: a {@link TestPipeline} writes ten real MNIST test
 * images as three shards and {@link PAssert} checks the shard names it outputs; a second one reads
 * each shard back with {@link TFRecordIO} and checks that it holds exactly its index range's records.
 */
@Tag("real-data")
class WriteShardsPipelineTest {
  private static final int COUNT = 10;
  private static final int SHARDS = 3;

  @TempDir Path tmp;

  @Test
  void shardsHoldTheirIndexRangesRecords() throws Throwable {
    MnistDataset mnist = MnistDataset.load(MnistFiles.locate(RealMnist.dir()));
    Path dir = Files.createDirectories(tmp.resolve("shards"));

    asRule(TestPipeline.create(), "write", write -> {
      PCollection<String> names = write.apply("WriteShards[test]",
          WriteShards.of("test", COUNT, mnist.reader("test")).withNumShards(SHARDS).to(dir.toString()));
      PAssert.that(names).containsInAnyOrder(WriteShards.shardNames("test", SHARDS));
      write.run().waitUntilFinish();
    });

    asRule(TestPipeline.create(), "read", read -> {
      for (int shard = 0; shard < SHARDS; shard++) {
        String name = WriteShards.shardName("test", shard, SHARDS);
        PCollection<String> records = read
            .apply("Read[" + name + "]", TFRecordIO.read().from(dir.resolve(name).toString()))
            .apply("Describe[" + name + "]", MapElements.into(TypeDescriptors.strings())
                .via((byte[] bytes) -> describe(ImageRecord.parse(bytes))));
        List<String> expected = LongStream.range(WriteShards.shardStart(COUNT, shard, SHARDS),
                WriteShards.shardStart(COUNT, shard + 1, SHARDS))
            .mapToObj(i -> describe(mnist.record(MnistSplit.TEST, (int) i))).toList();
        PAssert.that(name, records).containsInAnyOrder(expected);
      }
      read.run().waitUntilFinish();
    });
  }

  /** A record as a comparable value: index, label, shape and every pixel. */
  private static String describe(ImageRecord record) {
    return record.index() + " label " + record.label() + " " + record.height() + "x" + record.width() + "x"
        + record.channels() + " " + HexFormat.of().formatHex(record.pixels());
  }

  private interface PipelineBody {
    void run(TestPipeline pipeline) throws Exception;
  }

  /**
   * Runs {@code body} inside {@code pipeline} applied as the JUnit 4 rule it is, as Beam's own tests
   * do with {@code @Rule}: the rule then fails the test if a transform is applied but never run.
   */
  private static void asRule(TestPipeline pipeline, String name, PipelineBody body) throws Throwable {
    pipeline.apply(new Statement() {
      @Override
      public void evaluate() throws Throwable {
        body.run(pipeline);
      }
    }, Description.createTestDescription(WriteShardsPipelineTest.class, name)).evaluate();
  }
}
