package dev.bgan.prepare.stage;

import dev.bgan.artifact.CachePolicy;
import dev.bgan.common.BadInputException;
import dev.bgan.prepare.FashionMnistSources;
import dev.bgan.prepare.MnistDataset;
import dev.bgan.prepare.MnistFiles;
import dev.bgan.prepare.MnistSources;
import dev.bgan.prepare.cifar.Cifar10Dataset;
import dev.bgan.prepare.cifar.Cifar10Files;
import dev.bgan.prepare.cifar.Cifar10Sources;
import dev.bgan.prepare.folder.ImageFolderDataset;
import dev.bgan.prepare.npy.NpyDataset;
import dev.bgan.prepare.npy.NpyFiles;
import dev.bgan.prepare.svhn.SvhnDataset;
import dev.bgan.prepare.svhn.SvhnFiles;
import dev.bgan.prepare.svhn.SvhnSources;
import dev.bgan.prepare.synthetic.SyntheticDataset;
import dev.bgan.proto.SourceFile;
import java.util.List;
import java.util.Map;

/**
 * How each dataset's raw files are found, fetched and read into {@link PrepareDataset}; the sources
 * are parameters so that tests fetch from local fixtures. CelebA's, which crops faces in a pipeline
 * of its own, is {@link PrepareCeleba}.
 */
public final class DatasetPreparers {
  private DatasetPreparers() {}

  /**
   * {@code prepare mnist}: the four IDX files from the directory the user gives, or else from the
   * store's {@code .sources/mnist} (fetched there when missing, as {@link MnistSources#obtain} says),
   * parsed and validated before anything is written. {@code --download} changes nothing for MNIST:
   * it is the default without a directory.
   */
  public static Preparer mnist(MnistSources sources) {
    return (store, request) -> {
      if (request.policy() == CachePolicy.PLAN && request.sourceDir().isEmpty()) {
        // A dry run fetches nothing. It needs no files either: whatever way they come, the files that
        // verify have the published content hashes, and the dataset id depends on nothing else of them.
        return PrepareDataset.run(store, publishedMnist(), request.config(MnistDataset.NAME), CachePolicy.PLAN,
            request.runner());
      }
      return PrepareDataset.run(store, request, MnistDataset.NAME, MnistDataset.NAME,
          dir -> MnistFiles.locate(dir).withDigests(store.fileDigests()),
          dir -> sources.obtain(dir, store.fileDigests()), MnistFiles::sourceFiles, MnistDataset::load);
    };
  }

  /**
   * {@code prepare fashion-mnist}: the four IDX files (raw or .gz) from the directory the user gives,
   * or with {@code --download} into the store's {@code .sources/fashion-mnist}, or else from the
   * installed Debian package {@code dataset-fashion-mnist}; read as MNIST is read.
   */
  public static Preparer fashionMnist(FashionMnistSources sources) {
    return (store, request) -> {
      if (request.policy() == CachePolicy.PLAN && request.download() && request.sourceDir().isEmpty()) {
        // A dry run fetches nothing: it reads the store's copies, or says how to get them.
        return PrepareDataset.run(store, request, MnistDataset.FASHION_NAME, MnistFiles::locate, sources::download,
            true, MnistDataset::loadFashion);
      }
      // Without --download the files are the installed Debian package's: nothing is fetched, even for real.
      return PrepareDataset.run(store, request, MnistDataset.FASHION_NAME, MnistDataset.FASHION_NAME,
          dir -> MnistFiles.locate(dir).withDigests(store.fileDigests()),
          dir -> (request.download() ? sources.download(dir) : sources.installed()).withDigests(store.fileDigests()),
          MnistFiles::sourceFiles, MnistDataset::loadFashion);
    };
  }

  /**
   * {@code prepare cifar10}: the python batches from the directory the user gives (the batches, their
   * {@code cifar-10-batches-py} folder, or {@code cifar-10-python.tar.gz}), or else from the store's
   * {@code .sources/cifar10} (the archive downloaded there when missing).
   */
  public static Preparer cifar10(Cifar10Sources sources) {
    return (store, request) -> PrepareDataset.run(store, request, Cifar10Dataset.NAME,
        dir -> Cifar10Files.locate(dir).withDigests(store.fileDigests()),
        dir -> sources.obtain(dir).withDigests(store.fileDigests()), Cifar10Dataset::load);
  }

  /**
   * {@code prepare svhn}: {@code train_32x32.mat} and {@code test_32x32.mat} from the directory the
   * user gives, or else from the store's {@code .sources/svhn} (downloaded there when missing). With
   * the extra images, {@code extra_32x32.mat} is appended to train and the dataset is
   * {@value SvhnDataset#NAME_WITH_EXTRA}: other content, so other parameters and another artifact.
   */
  public static Preparer svhn(SvhnSources sources, boolean withExtra) {
    return (store, request) -> PrepareDataset.run(store, request, SvhnDataset.NAME, SvhnFiles::locate,
        dir -> sources.obtain(dir, withExtra), files -> SvhnDataset.load(files, withExtra));
  }

  /**
   * {@code prepare npy}: a custom dataset from four .npy files, read and validated before anything is
   * written. The stage is {@code prepare/<name>}; the files enter the cache key by their SHA-256.
   */
  public static Preparer npy(NpyFiles files, String name) {
    return (store, request) -> {
      if (request.sourceDir().isPresent() || request.download()) {
        throw new BadInputException("prepare npy reads the files of --train-x, --train-y, --test-x and --test-y;"
            + " it takes neither --source nor --download");
      }
      NpyDataset dataset = NpyDataset.load(files, name);
      return PrepareDataset.run(store, dataset, request.config(dataset.name()), request.policy(), request.runner());
    };
  }

  /**
   * {@code prepare folder --source DIR}: a custom dataset of PNG/JPEG files in
   * {@code DIR/train/<class>/} and {@code DIR/test/<class>/}, decoded and checked before anything is
   * written. The stage is {@code prepare/<name>}; every image enters the cache key by its SHA-256.
   */
  public static Preparer folder(String name) {
    return (store, request) -> {
      if (request.sourceDir().isEmpty() || request.download()) {
        throw new BadInputException("prepare folder needs --source DIR (DIR/train/<class>/*.png|jpg and"
            + " DIR/test/<class>/*.png|jpg) and takes no --download");
      }
      ImageFolderDataset dataset = ImageFolderDataset.load(request.sourceDir().get(), name);
      return PrepareDataset.run(store, dataset, request.config(dataset.name()), request.policy(), request.runner());
    };
  }

  /** {@code prepare synthetic}: the bgan_synth points, generated from their parameters (no raw files). */
  public static Preparer synthetic(int numPoints, int numClusters, int xDim, long seed) {
    return (store, request) -> {
      if (request.sourceDir().isPresent() || request.download()) {
        throw new BadInputException("the synthetic dataset is generated: it takes no --source and no --download");
      }
      SyntheticDataset source = SyntheticDataset.of(numPoints, numClusters, xDim, seed);
      return PrepareDataset.run(store, source, request.config(source.name()), request.policy(), request.runner());
    };
  }

  /** MNIST as its published files make it, known before they are here: for planning only. */
  static PrepareDataset.Pending publishedMnist() {
    List<SourceFile> files = MnistFiles.NAMES.stream()
        .map(name -> SourceFile.newBuilder().setName(name).setSha256(MnistFiles.RAW_SHA256.get(name)).build())
        .toList();
    return new PrepareDataset.Pending(MnistDataset.NAME, files, Map.of(), (scratch, runner) -> {
      throw new IllegalStateException("MNIST's files are not here: a plan makes no dataset");
    });
  }
}
