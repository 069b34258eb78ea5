package dev.bgan.prepare.stage;

import com.google.protobuf.CodedOutputStream;
import dev.bgan.dataset.DatasetRecord;
import dev.bgan.prepare.RecordRangeReader;
import dev.bgan.proto.tf.Example;
import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.TFRecordIO;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.util.MimeTypes;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the records (images or points) of one split as TFRecord shards {@code <split>-SSSSS-of-NNNNN.tfrecord} of
 * serialized tf.train.Example into a directory, and outputs the names of the files written.
 *
 * <p>Shard s holds the contiguous index range {@code [s * count / N, (s + 1) * count / N)} in index
 * order, and each record is serialized deterministically, so the files are byte-identical whatever
 * the runner, its parallelism or the order in which shards run. One element per shard travels
 * through the pipeline; the worker that gets it reads its own range and writes its own file, so
 * shards are written in parallel and no record is shuffled.
 */
public final class WriteShards extends PTransform<PBegin, PCollection<String>> {
  /** Shard numbers have five digits. */
  public static final int MAX_SHARDS = 99_999;

  private final String split;
  private final long count;
  private final RecordRangeReader reader;
  private final int numShards;
  private final String outputDir;

  private WriteShards(String split, long count, RecordRangeReader reader, int numShards, String outputDir) {
    this.split = split;
    this.count = count;
    this.reader = reader;
    this.numShards = numShards;
    this.outputDir = outputDir;
  }

  /** The {@code count} records of {@code split}, read by {@code reader}, as one shard until told otherwise. */
  public static WriteShards of(String split, long count, RecordRangeReader reader) {
    if (!split.matches("[a-z0-9_]+")) {
      throw new IllegalArgumentException("split name must be [a-z0-9_]+, got '" + split + "'");
    }
    if (count < 0) {
      throw new IllegalArgumentException("record count must be >= 0, got " + count);
    }
    return new WriteShards(split, count, reader, 1, null);
  }

  public WriteShards withNumShards(int shards) {
    if (shards < 1 || shards > MAX_SHARDS) {
      throw new IllegalArgumentException("number of shards must be 1.." + MAX_SHARDS + ", got " + shards);
    }
    return new WriteShards(split, count, reader, shards, outputDir);
  }

  /** The directory to write into, as a Beam file system path (a local path or a URI). */
  public WriteShards to(String directory) {
    return new WriteShards(split, count, reader, numShards, directory);
  }

  public static String shardName(String split, int shard, int numShards) {
    return String.format("%s-%05d-of-%05d.tfrecord", split, shard, numShards);
  }

  /** The names of every shard of {@code split}, in shard order. */
  public static List<String> shardNames(String split, int numShards) {
    return IntStream.range(0, numShards).mapToObj(s -> shardName(split, s, numShards)).toList();
  }

  /** The first index of {@code shard}; shard s ends where shard s + 1 starts. */
  static long shardStart(long count, int shard, int numShards) {
    return Math.multiplyExact(count, shard) / numShards;
  }

  @Override
  public PCollection<String> expand(PBegin input) {
    if (outputDir == null) {
      throw new IllegalStateException("WriteShards of split " + split + " needs an output directory: call to()");
    }
    return input
        .apply("ShardNumbers", Create.of(IntStream.range(0, numShards).boxed().toList()))
        // Create emits every element from one place; spreading them lets each shard run on its own worker.
        .apply("SpreadShards", Reshuffle.viaRandomKey())
        .apply("WriteShard", ParDo.of(new WriteShardFn(split, count, numShards, reader, outputDir)));
  }

  /** Reads one shard's records and writes them, in index order, as one TFRecord file. */
  private static final class WriteShardFn extends DoFn<Integer, String> {
    private static final Logger LOG = LoggerFactory.getLogger(WriteShardFn.class);

    private final String split;
    private final long count;
    private final int numShards;
    private final RecordRangeReader reader;
    private final String outputDir;

    WriteShardFn(String split, long count, int numShards, RecordRangeReader reader, String outputDir) {
      this.split = split;
      this.count = count;
      this.numShards = numShards;
      this.reader = reader;
      this.outputDir = outputDir;
    }

    @ProcessElement
    public void processElement(@Element Integer shard, OutputReceiver<String> out) throws IOException {
      long start = shardStart(count, shard, numShards);
      long end = shardStart(count, shard + 1, numShards);
      List<? extends DatasetRecord> records = reader.read(start, end);
      for (int i = 0; i < records.size(); i++) {
        if (records.get(i).index() != start + i) {
          throw new IllegalStateException("split " + split + ": the reader returned " + records.get(i)
              + " at position " + (start + i) + " of shard " + shard);
        }
      }
      if (records.size() != end - start) {
        throw new IllegalStateException("split " + split + ": the reader returned " + records.size()
            + " records for the range " + start + ".." + (end - 1));
      }
      String name = shardName(split, shard, numShards);
      ResourceId file = FileSystems.matchNewResource(outputDir, true)
          .resolve(name, StandardResolveOptions.RESOLVE_FILE);
      try (WritableByteChannel channel = FileSystems.create(file, MimeTypes.BINARY)) {
        TFRecordIO.Sink sink = TFRecordIO.sink();
        sink.open(channel);
        for (DatasetRecord record : records) {
          sink.write(deterministicBytes(record.toExample()));
        }
        sink.flush();
      }
      LOG.info("Wrote {} ({} records)", name, records.size());
      out.output(name);
    }

    /** Map entries (the features) in key order, so equal records give equal bytes on every JVM. */
    private static byte[] deterministicBytes(Example example) throws IOException {
      byte[] bytes = new byte[example.getSerializedSize()];
      CodedOutputStream out = CodedOutputStream.newInstance(bytes);
      out.useDeterministicSerialization();
      example.writeTo(out);
      out.checkNoSpaceLeft();
      return bytes;
    }
  }
}
