package dev.bgan.pipelines.prepare;

import dev.bgan.artifact.ArtifactStore;
import dev.bgan.prepare.svhn.SvhnDataset;
import dev.bgan.prepare.svhn.SvhnFiles;
import dev.bgan.prepare.svhn.SvhnSources;
import java.io.IOException;

/**
 * {@code prepare svhn}: {@code train_32x32.mat} and {@code test_32x32.mat} from the directory the
 * user gives, or else from the store's {@code .sources/svhn} (downloaded there when missing), read
 * and validated completely before anything is written, then prepared as a dataset artifact. With
 * the extra images, {@code extra_32x32.mat} is appended to train and the dataset is
 * {@value SvhnDataset#NAME_WITH_EXTRA}: other content, so other parameters and another artifact.
 */
public final class PrepareSvhn {
  private final SvhnSources sources;
  private final boolean withExtra;

  public PrepareSvhn(SvhnSources sources, boolean withExtra) {
    this.sources = sources;
    this.withExtra = withExtra;
  }

  /** The official site (or the mirrors of {@code -Dbgan.svhn.mirrors}). */
  public static PrepareSvhn standard(boolean withExtra) {
    return new PrepareSvhn(SvhnSources.standard(), withExtra);
  }

  public ArtifactStore.Produced run(ArtifactStore store, PrepareRequest request) throws IOException {
    return PrepareDataset.run(store, request, SvhnDataset.NAME, SvhnFiles::locate,
        dir -> sources.obtain(dir, withExtra), files -> SvhnDataset.load(files, withExtra));
  }
}
