package dev.bgan.prepare;

import dev.bgan.proto.DatasetSummary;
import dev.bgan.proto.SplitSummary;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The summary of a uint8 image dataset, built as its splits are added: count and class histogram
 * per split, pixel range over all of them. Shard files are left to the writer.
 */
public final class DatasetSummaryBuilder {
  private final DatasetSummary.Builder summary;
  /** By split name, in the order the splits were first added. */
  private final Map<String, long[]> histograms = new LinkedHashMap<>();
  private static final int RANGE_BLOCK = 1 << 16;

  private int pixelMin = 255;
  private int pixelMax = 0;

  /** Classes named "0", "1", ... "numClasses - 1", as for digits. */
  public DatasetSummaryBuilder(String name, int height, int width, int channels, int numClasses) {
    this(name, height, width, channels, numberedClasses(numClasses));
  }

  /** "0", "1", ... "numClasses - 1". */
  public static List<String> numberedClasses(int numClasses) {
    return IntStream.range(0, numClasses).mapToObj(Integer::toString).toList();
  }

  /** One class per name, class index i named {@code classNames.get(i)}. */
  public DatasetSummaryBuilder(String name, int height, int width, int channels, List<String> classNames) {
    this.summary = DatasetSummary.newBuilder()
        .setName(name)
        .setHeight(height)
        .setWidth(width)
        .setChannels(channels)
        .setNumClasses(classNames.size())
        .addAllClassNames(classNames);
  }

  /**
   * A split whose images and labels come in parts (e.g. one per file), in order: {@code pixels}
   * holds the images' bytes, {@code labels} one class index per image.
   */
  public DatasetSummaryBuilder addSplit(String name, List<byte[]> pixels, List<byte[]> labels) {
    long[] histogram = histogram(name);
    labels.forEach(part -> count(histogram, part));
    pixels.forEach(this::range);
    return this;
  }

  /**
   * One more part of split {@code name} (created by its first part): the images' bytes and one
   * class index per image. For datasets too large to hold every part at once.
   */
  public DatasetSummaryBuilder addToSplit(String name, byte[] pixels, byte[] labels) {
    count(histogram(name), labels);
    range(pixels);
    return this;
  }

  public DatasetSummary build() {
    histograms.forEach((name, histogram) -> {
      SplitSummary.Builder split = SplitSummary.newBuilder().setName(name).setCount(Arrays.stream(histogram).sum());
      for (long n : histogram) {
        split.addClassHistogram(n);
      }
      summary.addSplits(split);
    });
    histograms.clear();
    return summary.setPixelMin(pixelMin).setPixelMax(pixelMax).build();
  }

  private long[] histogram(String split) {
    return histograms.computeIfAbsent(split, s -> new long[summary.getNumClasses()]);
  }

  private static void count(long[] histogram, byte[] labels) {
    for (byte label : labels) {
      histogram[label & 0xff]++;
    }
  }

  private void range(byte[] pixels) {
    int min = pixelMin;
    int max = pixelMax;
    // In blocks, in locals (a loop the JIT vectorises), stopping once the range is full (0..255), as it mostly is.
    for (int start = 0; start < pixels.length && (min > 0 || max < 255); start += RANGE_BLOCK) {
      for (int i = start, end = Math.min(pixels.length, start + RANGE_BLOCK); i < end; i++) {
        int v = pixels[i] & 0xff;
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
    pixelMin = min;
    pixelMax = max;
  }
}
