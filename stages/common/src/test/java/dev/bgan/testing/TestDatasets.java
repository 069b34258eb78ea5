package dev.bgan.testing;

import dev.bgan.artifact.ArtifactSpec;
import dev.bgan.artifact.ArtifactStore;
import dev.bgan.artifact.CachePolicy;
import dev.bgan.dataset.ImageRecord;
import dev.bgan.dataset.ImageSplit;
import dev.bgan.dataset.PointRecord;
import dev.bgan.dataset.PointSplit;
import dev.bgan.dataset.TfRecordFile;
import dev.bgan.proto.DatasetSummary;
import dev.bgan.proto.SplitSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Publishes in-memory splits as a dataset artifact (one shard per split), for tests of later stages. */
public final class TestDatasets {
  private TestDatasets() {}

  public static String publish(ArtifactStore store, String name, int numClasses, ImageSplit train, ImageSplit test)
      throws IOException {
    ArtifactSpec spec = ArtifactSpec.of("dataset", "test/" + name, 1, Map.of("name", name));
    return store.produce(spec, CachePolicy.REUSE, draft -> {
      DatasetSummary.Builder summary = DatasetSummary.newBuilder()
          .setName(name).setHeight(train.height()).setWidth(train.width()).setChannels(train.channels())
          .setNumClasses(numClasses).setPixelMin(0).setPixelMax(255);
      Files.createDirectories(draft.dir().resolve("data"));
      for (ImageSplit split : List.of(train, test)) {
        String shard = "data/" + split.name() + "-00000-of-00001.tfrecord";
        List<byte[]> records = new ArrayList<>();
        long[] histogram = new long[numClasses];
        for (int i = 0; i < split.size(); i++) {
          byte[] pixels = new byte[split.imageBytes()];
          System.arraycopy(split.pixels(), i * split.imageBytes(), pixels, 0, pixels.length);
          records.add(new ImageRecord(i, split.height(), split.width(), split.channels(), split.labels()[i], pixels)
              .toExample().toByteArray());
          histogram[split.labels()[i]]++;
        }
        TfRecordFile.write(draft.dir().resolve(shard), records);
        SplitSummary.Builder s = SplitSummary.newBuilder().setName(split.name()).setCount(split.size()).addShardFiles(shard);
        for (long h : histogram) {
          s.addClassHistogram(h);
        }
        summary.addSplits(s);
      }
      draft.manifest().setDataset(summary);
    }).artifact().id();
  }

  /** Publishes one split of points, {@code train}, as a dataset of kind POINTS. */
  public static String publishPoints(ArtifactStore store, String name, int numClasses, PointSplit train)
      throws IOException {
    ArtifactSpec spec = ArtifactSpec.of("dataset", "test/" + name, 1, Map.of("name", name));
    return store.produce(spec, CachePolicy.REUSE, draft -> {
      String shard = "data/train-00000-of-00001.tfrecord";
      Files.createDirectories(draft.dir().resolve("data"));
      List<byte[]> records = new ArrayList<>();
      for (int i = 0; i < train.size(); i++) {
        records.add(new PointRecord(i, train.labels()[i], train.rows(new int[] {i})).toExample().toByteArray());
      }
      TfRecordFile.write(draft.dir().resolve(shard), records);
      draft.manifest().setDataset(DatasetSummary.newBuilder()
          .setName(name).setKind(DatasetSummary.Kind.POINTS).setPointDimension(train.dimension())
          .setNumClasses(numClasses)
          .addSplits(SplitSummary.newBuilder().setName("train").setCount(train.size()).addShardFiles(shard)));
    }).artifact().id();
  }

  /** The first {@code count} images of a split. */
  public static ImageSplit head(ImageSplit split, int count) {
    int[] labels = java.util.Arrays.copyOf(split.labels(), count);
    byte[] pixels = java.util.Arrays.copyOf(split.pixels(), count * split.imageBytes());
    return new ImageSplit(split.name(), split.height(), split.width(), split.channels(), labels, pixels);
  }
}
