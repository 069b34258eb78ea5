package dev.bgan.pipelines.prepare;

import dev.bgan.artifact.ArtifactStore;
import dev.bgan.artifact.CachePolicy;
import dev.bgan.prepare.FashionMnistSources;
import dev.bgan.prepare.MnistDataset;
import dev.bgan.prepare.MnistFiles;
import java.io.IOException;

/**
 * {@code prepare fashion-mnist}: the four IDX files (raw or .gz) from the directory the user gives,
 * or with {@code --download} from Zalando's location into the store's {@code .sources/fashion-mnist},
 * or else from the installed Debian package {@code dataset-fashion-mnist}; read as MNIST is read.
 */
public final class PrepareFashionMnist {
  private final FashionMnistSources sources;

  public PrepareFashionMnist(FashionMnistSources sources) {
    this.sources = sources;
  }

  public static PrepareFashionMnist standard() {
    return new PrepareFashionMnist(FashionMnistSources.standard());
  }

  public ArtifactStore.Produced run(ArtifactStore store, PrepareRequest request) throws IOException {
    if (request.policy() == CachePolicy.PLAN && request.download() && request.sourceDir().isEmpty()) {
      // A dry run fetches nothing: it reads the store's copies, or says how to get them.
      return PrepareDataset.run(store, request, MnistDataset.FASHION_NAME, MnistFiles::locate, sources::download, true,
          MnistDataset::loadFashion);
    }
    // Without --download the files are the installed Debian package's: nothing is fetched, even for real.
    return PrepareDataset.run(store, request, MnistDataset.FASHION_NAME, MnistDataset.FASHION_NAME,
        dir -> MnistFiles.locate(dir).withDigests(store.fileDigests()),
        dir -> (request.download() ? sources.download(dir) : sources.installed()).withDigests(store.fileDigests()),
        MnistFiles::sourceFiles, MnistDataset::loadFashion);
  }
}
