package dev.bgan.prepare;

import dev.bgan.proto.DatasetSummary;
import dev.bgan.proto.SplitSummary;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The summary of a uint8 image dataset, built as its splits are added: count and class histogram
 * per split, pixel range over all of them. Shard files are left to the writer.
 */
public final class DatasetSummaryBuilder {
  private final DatasetSummary.Builder summary;
  private int pixelMin = 255;
  private int pixelMax = 0;

  /** Classes named "0", "1", ... "numClasses - 1", as for digits. */
  public DatasetSummaryBuilder(String name, int height, int width, int channels, int numClasses) {
    this.summary = DatasetSummary.newBuilder()
        .setName(name)
        .setHeight(height)
        .setWidth(width)
        .setChannels(channels)
        .setNumClasses(numClasses)
        .addAllClassNames(IntStream.range(0, numClasses).mapToObj(Integer::toString).toList());
  }

  /**
   * A split whose images and labels come in parts (e.g. one per file), in order: {@code pixels}
   * holds the images' bytes, {@code labels} one class index per image.
   */
  public DatasetSummaryBuilder addSplit(String name, List<byte[]> pixels, List<byte[]> labels) {
    long[] histogram = new long[summary.getNumClasses()];
    long count = 0;
    for (byte[] part : labels) {
      for (byte label : part) {
        histogram[label & 0xff]++;
      }
      count += part.length;
    }
    for (byte[] part : pixels) {
      for (byte b : part) {
        pixelMin = Math.min(pixelMin, b & 0xff);
        pixelMax = Math.max(pixelMax, b & 0xff);
      }
    }
    SplitSummary.Builder split = SplitSummary.newBuilder().setName(name).setCount(count);
    for (long n : histogram) {
      split.addClassHistogram(n);
    }
    summary.addSplits(split);
    return this;
  }

  public DatasetSummary build() {
    return summary.setPixelMin(pixelMin).setPixelMax(pixelMax).build();
  }
}
