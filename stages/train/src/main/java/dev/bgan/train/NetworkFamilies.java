package dev.bgan.train;

import dev.bgan.common.BadInputException;
import dev.bgan.proto.DatasetSummary;
import dev.bgan.proto.TrainConfig;
import dev.bgan.train.nn.AcganFamily;
import dev.bgan.train.nn.DcganFamily;
import dev.bgan.train.nn.DcganGeometry;
import dev.bgan.train.nn.FullyConnectedFamily;
import dev.bgan.train.nn.HeadFamily;
import dev.bgan.train.nn.InfoganFamily;
import dev.bgan.train.nn.NetworkFamily;
import dev.bgan.train.nn.UpConvolution;
import java.util.List;

/**
 * The network family a run trains, by {@code --arch}: {@code orig} (the ORIG DCGAN) or {@code head}
 * (HEAD's DCGAN with its 512-d feature layer) for images, {@code fc} (the synthetic experiment's)
 * for points, {@code acgan} (AC-GAN, class-conditional, with its own objective) for labelled images;
 * empty picks the one that fits the dataset's kind (orig for images). Widths are gf_dim and df_dim.
 */
public final class NetworkFamilies {
  public static final String ORIG = "orig";
  public static final String HEAD = "head";
  public static final String FULLY_CONNECTED = "fc";
  public static final String ACGAN = "acgan";
  public static final String INFOGAN = "infogan";
  /** Builds a family for a config and dataset, in the layout of one train stage version. */
  private interface Factory {
    NetworkFamily build(TrainConfig config, DatasetSummary data, UpConvolution up);
  }

  /** A named family and what its help says: the one table that validation, --help and training read. */
  public record Entry(String name, String description, Factory factory) {}

  public static final List<Entry> ALL = List.of(
      new Entry(ORIG, "the reference's ORIG DCGAN: 5x5 kernels, widths gf_dim/df_dim x 1, 2, 4, 8 (images; default)",
          (config, data, up) -> new DcganFamily(imageGeometry(data, ORIG), config.getGfDim(), config.getDfDim(), up)),
      new Entry(HEAD, "HEAD's DCGAN: 5x5 then 3x3 kernels, widths capped at 512, a 512-d feature layer (images)",
          (config, data, up) -> new HeadFamily(imageGeometry(data, HEAD), config.getGfDim(), config.getDfDim(), up)),
      new Entry(FULLY_CONNECTED, "the synthetic experiment's one-hidden-layer nets, widths gf_dim/df_dim (points;"
          + " default)", (config, data, up) -> {
            require(data, DatasetSummary.Kind.POINTS, FULLY_CONNECTED);
            return new FullyConnectedFamily(data.getPointDimension(), config.getGfDim(), config.getDfDim());
          }),
      new Entry(ACGAN, "AC-GAN as Keras's mnist_acgan: a class-conditional generator (dense 8w, w maps at s/4,"
          + " 5x5 transposed convolutions to 2w, w maps, 2x2 convolution, tanh; w = gf_dim, the example's 128) and a"
          + " discriminator of 3x3 convolutions w, 2w, 4w, 8w (w = df_dim, the example's 32) with a real/fake head and"
          + " a class head; trains with the acgan objective (images with classes)",
          (config, data, up) -> new AcganFamily(imageGeometry(data, ACGAN), data.getNumClasses(), config.getGfDim(),
              config.getDfDim())),
      new Entry(INFOGAN, "InfoGAN's MNIST nets (4x4 kernels, widths gf_dim/df_dim x 1, 2, 16) with a Q head; codes"
          + " Cat(10) + 2 x U(-1, 1) after z (images; trains with objective infogan)",
          (config, data, up) -> new InfoganFamily(imageGeometry(data, INFOGAN), config.getGfDim(), config.getDfDim(), up)));

  /** What a wrong --arch is told. */
  public static final String CHOICES = "must be one of " + String.join(", ", ALL.stream().map(Entry::name).toList())
      + " (or empty: by dataset)";

  private NetworkFamilies() {}

  public static boolean isKnown(String arch) {
    return arch.isEmpty() || ALL.stream().anyMatch(e -> e.name().equals(arch));
  }

  /** The family {@code config} names, or the default for the dataset's kind, as this train stage version builds it. */
  public static NetworkFamily of(TrainConfig config, DatasetSummary data) {
    return of(config, data, TrainStage.VERSION);
  }

  /**
   * The family of a model written by train stage version {@code trainVersion}: versions 1 and 2 built
   * generators with resize-convolutions, later ones with the reference's transposed convolutions.
   */
  public static NetworkFamily of(TrainConfig config, DatasetSummary data, int trainVersion) {
    String arch = config.getArch().isEmpty()
        ? (data.getKind() == DatasetSummary.Kind.POINTS ? FULLY_CONNECTED : ORIG)
        : config.getArch();
    Factory family = ALL.stream().filter(e -> e.name().equals(arch)).findFirst().map(Entry::factory)
        .orElseThrow(() -> BadInputException.inParameter("arch", arch, CHOICES));
    return family.build(config, data, trainVersion <= 2 ? UpConvolution.RESIZE : UpConvolution.TRANSPOSED);
  }

  private static DcganGeometry imageGeometry(DatasetSummary data, String arch) {
    require(data, DatasetSummary.Kind.IMAGES, arch);
    return new DcganGeometry((int) data.getHeight(), (int) data.getWidth(), (int) data.getChannels());
  }

  private static void require(DatasetSummary data, DatasetSummary.Kind kind, String arch) {
    if (data.getKind() != kind) {
      throw BadInputException.inParameter("arch", arch, "needs a dataset of " + kind.name().toLowerCase(
          java.util.Locale.ROOT) + ", " + data.getName() + " holds " + data.getKind().name().toLowerCase(
          java.util.Locale.ROOT));
    }
  }
}
