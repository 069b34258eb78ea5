package dev.bgan.train;

import dev.bgan.common.BadInputException;
import dev.bgan.proto.DatasetSummary;
import dev.bgan.proto.TrainConfig;
import dev.bgan.train.nn.DcganFamily;
import dev.bgan.train.nn.DcganGeometry;
import dev.bgan.train.nn.FullyConnectedFamily;
import dev.bgan.train.nn.HeadFamily;
import dev.bgan.train.nn.NetworkFamily;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The network family a run trains, by {@code --arch}: {@code orig} (the ORIG DCGAN) or {@code head}
 * (HEAD's DCGAN with its 512-d feature layer) for images, {@code fc} (the synthetic experiment's)
 * for points; empty picks the one that fits the dataset's kind (orig for images). Widths are
 * gf_dim and df_dim.
 */
public final class NetworkFamilies {
  public static final String ORIG = "orig";
  public static final String HEAD = "head";
  public static final String FULLY_CONNECTED = "fc";
  /** What a wrong --arch is told. */
  public static final String CHOICES = "must be one of orig, head, fc (or empty: by dataset)";

  private static final Map<String, BiFunction<TrainConfig, DatasetSummary, NetworkFamily>> FAMILIES = Map.of(
      ORIG, (config, data) -> new DcganFamily(imageGeometry(data, ORIG), config.getGfDim(), config.getDfDim()),
      HEAD, (config, data) -> new HeadFamily(imageGeometry(data, HEAD), config.getGfDim(), config.getDfDim()),
      FULLY_CONNECTED, (config, data) -> {
        require(data, DatasetSummary.Kind.POINTS, FULLY_CONNECTED);
        return new FullyConnectedFamily(data.getPointDimension(), config.getGfDim(), config.getDfDim());
      });

  private NetworkFamilies() {}

  public static boolean isKnown(String arch) {
    return arch.isEmpty() || FAMILIES.containsKey(arch);
  }

  /** The family {@code config} names, or the default for the dataset's kind. */
  public static NetworkFamily of(TrainConfig config, DatasetSummary data) {
    String arch = config.getArch().isEmpty()
        ? (data.getKind() == DatasetSummary.Kind.POINTS ? FULLY_CONNECTED : ORIG)
        : config.getArch();
    BiFunction<TrainConfig, DatasetSummary, NetworkFamily> family = FAMILIES.get(arch);
    if (family == null) {
      throw BadInputException.inParameter("arch", arch, CHOICES);
    }
    return family.apply(config, data);
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
