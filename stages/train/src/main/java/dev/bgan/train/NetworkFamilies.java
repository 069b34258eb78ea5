package dev.bgan.train;

import dev.bgan.common.BadInputException;
import dev.bgan.proto.DatasetSummary;
import dev.bgan.proto.TrainConfig;
import dev.bgan.train.nn.DcganFamily;
import dev.bgan.train.nn.DcganGeometry;
import dev.bgan.train.nn.FullyConnectedFamily;
import dev.bgan.train.nn.NetworkFamily;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The network family a run trains, by {@code --arch}: {@code dcgan} for images, {@code fc} (the
 * synthetic experiment's) for points; empty picks the one that fits the dataset's kind. Hidden
 * widths are gf_dim and df_dim.
 */
public final class NetworkFamilies {
  public static final String DCGAN = "dcgan";
  public static final String FULLY_CONNECTED = "fc";
  /** What a wrong --arch is told. */
  public static final String CHOICES = "must be one of dcgan, fc (or empty: by dataset)";

  private static final Map<String, BiFunction<TrainConfig, DatasetSummary, NetworkFamily>> FAMILIES = Map.of(
      DCGAN, (config, data) -> {
        require(data, DatasetSummary.Kind.IMAGES, DCGAN);
        return new DcganFamily(new DcganGeometry((int) data.getHeight(), (int) data.getWidth(),
            (int) data.getChannels()), config.getGfDim(), config.getDfDim());
      },
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
        ? (data.getKind() == DatasetSummary.Kind.POINTS ? FULLY_CONNECTED : DCGAN)
        : config.getArch();
    BiFunction<TrainConfig, DatasetSummary, NetworkFamily> family = FAMILIES.get(arch);
    if (family == null) {
      throw BadInputException.inParameter("arch", arch, CHOICES);
    }
    return family.apply(config, data);
  }

  private static void require(DatasetSummary data, DatasetSummary.Kind kind, String arch) {
    if (data.getKind() != kind) {
      throw BadInputException.inParameter("arch", arch, "needs a dataset of " + kind.name().toLowerCase(
          java.util.Locale.ROOT) + ", " + data.getName() + " holds " + data.getKind().name().toLowerCase(
          java.util.Locale.ROOT));
    }
  }
}
