package dev.bgan.prepare;

import dev.bgan.proto.DatasetSummary;
import dev.bgan.proto.SourceFile;
import java.util.List;

/**
 * An {@link ImageDatasetSource} whose raw files were read, validated and summarized once, when it
 * was loaded: it keeps the summary and the source files; subclasses say how to read each split.
 */
public abstract class LoadedImageDataset implements ImageDatasetSource {
  private final List<SourceFile> sourceFiles;
  private final DatasetSummary summary;

  protected LoadedImageDataset(List<SourceFile> sourceFiles, DatasetSummary summary) {
    this.sourceFiles = List.copyOf(sourceFiles);
    this.summary = summary;
  }

  /** The summary's name. */
  @Override
  public final String name() {
    return summary.getName();
  }

  @Override
  public final List<SourceFile> sourceFiles() {
    return sourceFiles;
  }

  @Override
  public final DatasetSummary summary() {
    return summary;
  }
}
