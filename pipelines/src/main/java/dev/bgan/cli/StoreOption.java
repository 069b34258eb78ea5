package dev.bgan.cli;

import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** {@code --store DIR}, on every command; default {@code $BGAN_STORE} or {@code ./artifacts}. */
final class StoreOption {
  /** The store when --store is not given. */
  static final String DEFAULT = System.getenv().getOrDefault("BGAN_STORE", "artifacts");

  private StoreOption() {}

  static void addTo(CommandSpec spec) {
    spec.addOption(OptionSpec.builder("--store").type(Path.class).paramLabel("DIR")
        .defaultValue(DEFAULT)
        .description("artifact store directory (default: ${DEFAULT-VALUE})").build());
  }

  static Path get(CommandSpec spec) {
    return spec.findOption("--store").getValue();
  }
}
