package dev.bgan.pipelines.prepare;

import dev.bgan.artifact.ArtifactStore;
import dev.bgan.common.BadInputException;
import dev.bgan.prepare.folder.ImageFolderDataset;
import java.io.IOException;

/**
 * {@code prepare folder --source DIR}: a custom dataset of PNG/JPEG files in
 * {@code DIR/train/<class>/} and {@code DIR/test/<class>/}, decoded and checked completely before
 * anything is written. The stage is {@code prepare/<name>}; every image enters the cache key by its SHA-256.
 */
public final class PrepareFolder {
  public static final String DATASET = "folder";

  private final String name;

  public PrepareFolder(String name) {
    this.name = name;
  }

  public ArtifactStore.Produced run(ArtifactStore store, PrepareRequest request) throws IOException {
    if (request.sourceDir().isEmpty() || request.download()) {
      throw new BadInputException("prepare folder needs --source DIR (DIR/train/<class>/*.png|jpg and"
          + " DIR/test/<class>/*.png|jpg) and takes no --download");
    }
    ImageFolderDataset dataset = ImageFolderDataset.load(request.sourceDir().get(), name);
    return PrepareDataset.run(store, dataset, request.config(dataset.name()), request.policy(), request.runner());
  }
}
