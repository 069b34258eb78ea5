package dev.bgan.prepare;

import dev.bgan.proto.DatasetSummary;
import dev.bgan.proto.SourceFile;
import java.util.List;
import java.util.Map;

/**
 * A dataset that a prepare stage has located (or generated) and validated, ready to be written as
 * shards: what it holds, what it was made from, and a reader per split.
 */
public interface DatasetSource {
  /** The dataset's name, e.g. "mnist"; the stage that prepares it is {@code prepare/<name>}. */
  String name();

  /** The raw files read, with their SHA-256: they enter the artifact's cache key. */
  List<SourceFile> sourceFiles();

  /**
   * Parameters the records depend on beyond the raw files (a generated dataset's size and seed):
   * they enter the artifact's parameters and so its cache key. None for a dataset read from files.
   */
  default Map<String, String> generationParams() {
    return Map.of();
  }

  /** Kind, shape, classes and per-split counts and histograms; shard files left empty. */
  DatasetSummary summary();

  /** Reads records of the split named in {@link #summary()}. */
  RecordRangeReader reader(String split);

  /**
   * Where the labels of {@code split} come from, as a warning about them names it: a file or folder
   * the user can fix. By default the dataset's name and the split.
   */
  default String labelsOrigin(String split) {
    return name() + " (" + split + " split)";
  }

  /**
   * Whether the labels are meant to be classes a model learns. A dataset that is unlabeled by design
   * (CelebA without attributes: one class, "none") is not warned about for holding one class.
   */
  default boolean labeled() {
    return true;
  }
}
