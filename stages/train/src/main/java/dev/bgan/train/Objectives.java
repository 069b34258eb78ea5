package dev.bgan.train;

import dev.bgan.common.BadInputException;
import dev.bgan.proto.TrainConfig;
import java.util.List;
import java.util.function.Function;

/**
 * The adversarial objectives a run trains with, by {@code --objective} name: the one table that
 * config validation, the command line's help and the trainer read. {@code --wasserstein} replaces
 * orig with the critic's losses ({@link WassersteinObjective}). An objective that reads heads only
 * one network family has (a conditional family's) names that family: it is that family's objective,
 * picked when {@code --arch} names the family, and it trains no other.
 */
public final class Objectives {
  /**
   * A named objective, what its help says, and the {@link NetworkFamilies} name of the family it
   * belongs to (empty: any unconditioned family).
   */
  public record Entry(String name, String description, String family, Function<TrainConfig, GanObjective> factory) {}

  public static final List<Entry> ALL = List.of(
      new Entry(TrainConfigs.ORIG, "the reference's ORIG softmax losses: K+1 outputs, output 0 = fake (default)", "",
          config -> new OrigObjective()),
      new Entry(TrainConfigs.HEAD, "HEAD's losses over K logits with an implicit fake class, plus feature matching"
          + " of the discriminator's penultimate layer", "", config -> new HeadObjective()),
      new Entry(TrainConfigs.LSGAN, "LSGAN's least squares on the discriminator's value (its output, or the"
          + " logsumexp of K class logits), targets --ls_a (fakes, -1), --ls_b (real, 1), --ls_c (generator, 0)", "",
          LsganObjective::of),
      new Entry(TrainConfigs.ACGAN, "AC-GAN's losses (Keras's mnist_acgan): sigmoid real/fake with the soft label 0.95"
          + " for real, plus the class cross-entropy of real images (discriminator) and of fakes (generator); the"
          + " objective of --arch acgan", NetworkFamilies.ACGAN, config -> new AcganObjective()),
      new Entry(NetworkFamilies.INFOGAN, "InfoGAN's: the sigmoid GAN's losses plus --info_lambda x L_I (Q's"
          + " cross-entropy of the categorical code and Gaussian NLL of the continuous ones) for D and G",
          NetworkFamilies.INFOGAN, InfoganObjective::of));

  private Objectives() {}

  /** The objective {@code config} trains with. */
  public static GanObjective of(TrainConfig config) {
    if (config.getWasserstein()) {
      return new WassersteinObjective();
    }
    return entry(TrainConfigs.objective(config)).factory().apply(config);
  }

  public static boolean isKnown(String name) {
    return ALL.stream().anyMatch(e -> e.name().equals(name));
  }

  /** The objective that belongs to the family {@code arch}, if one does. */
  public static java.util.Optional<Entry> ofFamily(String arch) {
    return ALL.stream().filter(e -> !e.family().isEmpty() && e.family().equals(arch)).findFirst();
  }

  /** The family objective {@code name} belongs to, empty for those any unconditioned family trains with. */
  public static String familyOf(String name) {
    return entry(name).family();
  }

  /** What a wrong --objective is told: "must be one of orig, head, lsgan, acgan, infogan". */
  public static String choices() {
    List<String> names = ALL.stream().map(Entry::name).toList();
    return "must be " + (names.size() == 2 ? names.get(0) + " or " + names.get(1) : "one of " + String.join(", ", names));
  }

  private static Entry entry(String name) {
    return ALL.stream().filter(e -> e.name().equals(name)).findFirst()
        .orElseThrow(() -> BadInputException.inParameter("objective", name, choices()));
  }
}
