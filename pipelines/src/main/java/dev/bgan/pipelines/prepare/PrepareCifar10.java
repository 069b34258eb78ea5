package dev.bgan.pipelines.prepare;

import dev.bgan.artifact.ArtifactStore;
import dev.bgan.prepare.cifar.Cifar10Dataset;
import dev.bgan.prepare.cifar.Cifar10Files;
import dev.bgan.prepare.cifar.Cifar10Sources;
import java.io.IOException;

/**
 * {@code prepare cifar10}: the python batches from the directory the user gives (the batches, their
 * {@code cifar-10-batches-py} folder, or {@code cifar-10-python.tar.gz}, unpacked there), or else
 * from the store's {@code .sources/cifar10} (the archive downloaded there when missing), parsed
 * and validated completely before anything is written, then prepared as a dataset artifact.
 */
public final class PrepareCifar10 {
  private final Cifar10Sources sources;

  public PrepareCifar10(Cifar10Sources sources) {
    this.sources = sources;
  }

  /** The official archive (or the URLs of {@code -Dbgan.cifar10.urls}). */
  public static PrepareCifar10 standard() {
    return new PrepareCifar10(Cifar10Sources.standard());
  }

  public ArtifactStore.Produced run(ArtifactStore store, PrepareRequest request) throws IOException {
    return PrepareDataset.run(store, request, Cifar10Dataset.NAME,
        dir -> Cifar10Files.locate(dir).withDigests(store.fileDigests()),
        dir -> sources.obtain(dir).withDigests(store.fileDigests()), Cifar10Dataset::load);
  }
}
