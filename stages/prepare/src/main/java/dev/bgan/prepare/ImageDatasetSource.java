package dev.bgan.prepare;

/** A raw image dataset: a {@link DatasetSource} whose records are images. */
public interface ImageDatasetSource extends DatasetSource {
  /** Reads image records of the split named in {@link #summary()}. */
  @Override
  SplitRecordReader reader(String split);
}
