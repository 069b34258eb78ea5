package dev.bgan.prepare;

import dev.bgan.proto.DatasetSummary;
import dev.bgan.proto.SourceFile;
import java.util.List;

/**
 * A raw image dataset that a prepare stage has located and validated, ready to be written as
 * shards: what it holds, which files it was read from, and a reader per split.
 */
public interface ImageDatasetSource {
  /** The dataset's name, e.g. "mnist"; the stage that prepares it is {@code prepare/<name>}. */
  String name();

  /** The raw files read, with their SHA-256: they enter the artifact's cache key. */
  List<SourceFile> sourceFiles();

  /** Shape, classes, pixel range and per-split counts and histograms; shard files left empty. */
  DatasetSummary summary();

  /** Reads records of the split named in {@link #summary()}. */
  SplitRecordReader reader(String split);
}
