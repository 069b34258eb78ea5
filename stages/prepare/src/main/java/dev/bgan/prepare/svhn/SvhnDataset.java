package dev.bgan.prepare.svhn;

import dev.bgan.prepare.DatasetSummaryBuilder;
import dev.bgan.prepare.LoadedImageDataset;
import dev.bgan.prepare.SplitRecordReader;
import dev.bgan.proto.DatasetSummary;
import dev.bgan.proto.SourceFile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SVHN read and validated: a "train" and a "test" split of 32x32x3 uint8 HWC images labeled 0..9
 * (73257 and 26032 images for the official files). Only when asked, the 531131 images of
 * {@code extra_32x32.mat} are appended to train; that changes the content, so such a dataset is
 * named {@value #NAME_WITH_EXTRA}, which gives it its own stage and artifact.
 */
public final class SvhnDataset extends LoadedImageDataset {
  public static final String NAME = "svhn";
  public static final String NAME_WITH_EXTRA = "svhn_extra";
  public static final int NUM_CLASSES = 10;
  public static final String TRAIN = "train";
  public static final String TEST = "test";

  private final SvhnFiles files;
  /** Split name to the files it is made of, in order. */
  private final Map<String, List<String>> splitFiles;
  /** Held so that {@link SvhnMatCache} keeps them while the dataset is being written. */
  private final Map<String, List<SvhnImages>> images;

  private SvhnDataset(String name, SvhnFiles files, Map<String, List<String>> splitFiles,
      Map<String, List<SvhnImages>> images, List<SourceFile> sourceFiles) {
    super(sourceFiles, summarize(name, images));
    this.files = files;
    this.splitFiles = splitFiles;
    this.images = images;
  }

  /**
   * Reads every file completely; any defect is a one-line error naming the file. With
   * {@code withExtra}, {@code extra_32x32.mat} must be there and is appended to train.
   */
  public static SvhnDataset load(SvhnFiles files, boolean withExtra) {
    Map<String, List<String>> splitFiles = new LinkedHashMap<>();
    splitFiles.put(TRAIN, withExtra ? List.of(SvhnFiles.TRAIN, SvhnFiles.EXTRA) : List.of(SvhnFiles.TRAIN));
    splitFiles.put(TEST, List.of(SvhnFiles.TEST));
    Map<String, List<SvhnImages>> images = new LinkedHashMap<>();
    splitFiles.forEach((split, names) ->
        images.put(split, names.stream().map(name -> SvhnMatCache.images(files.path(name))).toList()));
    return new SvhnDataset(withExtra ? NAME_WITH_EXTRA : NAME, files, splitFiles, images,
        files.sourceFiles(SvhnFiles.names(withExtra)));
  }

  public int size(String split) {
    return images(split).stream().mapToInt(SvhnImages::count).sum();
  }

  @Override
  public SplitRecordReader reader(String split) {
    images(split);
    return new SvhnSplitReader(splitFiles.get(split).stream().map(n -> files.path(n).toString()).toList());
  }

  private List<SvhnImages> images(String split) {
    List<SvhnImages> splitImages = images.get(split);
    if (splitImages == null) {
      throw new IllegalArgumentException("SVHN has no split " + split + " (" + TRAIN + ", " + TEST + ")");
    }
    return splitImages;
  }

  private static DatasetSummary summarize(String name, Map<String, List<SvhnImages>> images) {
    DatasetSummaryBuilder summary =
        new DatasetSummaryBuilder(name, SvhnImages.SIDE, SvhnImages.SIDE, SvhnImages.CHANNELS, NUM_CLASSES);
    images.forEach((split, parts) -> summary.addSplit(split,
        parts.stream().map(SvhnImages::pixels).toList(), parts.stream().map(SvhnImages::labels).toList()));
    return summary.build();
  }
}
