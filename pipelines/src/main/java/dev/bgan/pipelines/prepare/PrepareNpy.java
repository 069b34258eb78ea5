package dev.bgan.pipelines.prepare;

import dev.bgan.artifact.ArtifactStore;
import dev.bgan.common.BadInputException;
import dev.bgan.prepare.npy.NpyDataset;
import dev.bgan.prepare.npy.NpyFiles;
import java.io.IOException;

/**
 * {@code prepare npy}: a custom dataset from four .npy files, read and validated completely before
 * anything is written. The stage is {@code prepare/<name>}; the files enter the cache key by their
 * SHA-256.
 */
public final class PrepareNpy {
  public static final String DATASET = "npy";

  private final NpyFiles files;
  private final String name;

  public PrepareNpy(NpyFiles files, String name) {
    this.files = files;
    this.name = name;
  }

  public ArtifactStore.Produced run(ArtifactStore store, PrepareRequest request) throws IOException {
    if (request.sourceDir().isPresent() || request.download()) {
      throw new BadInputException("prepare npy reads the files of --train-x, --train-y, --test-x and --test-y;"
          + " it takes neither --source nor --download");
    }
    NpyDataset dataset = NpyDataset.load(files, name);
    return PrepareDataset.run(store, dataset, request.config(dataset.name()), request.policy(), request.runner());
  }
}
