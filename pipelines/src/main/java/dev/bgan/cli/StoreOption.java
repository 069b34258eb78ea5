package dev.bgan.cli;

import dev.bgan.artifact.ArtifactStore;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code --store DIR}, the one declaration of the option every command has: a picocli mixin
 * ({@code @Mixin StoreOption store}), inherited by subcommands; default {@code $BGAN_STORE} or
 * {@code ./artifacts}.
 */
final class StoreOption {
  /** The store when --store is not given. */
  static final String DEFAULT = System.getenv().getOrDefault("BGAN_STORE", "artifacts");

  @Option(names = "--store", paramLabel = "DIR", scope = ScopeType.INHERIT,
      description = "artifact store directory (default: $BGAN_STORE or ./artifacts)")
  private Path dir = Path.of(DEFAULT);

  /** Adds the option to a command built without annotations; the returned mixin receives its value. */
  static StoreOption addTo(CommandSpec spec) {
    StoreOption store = new StoreOption();
    spec.addMixin("store", CommandSpec.forAnnotatedObject(store));
    return store;
  }

  /** The store, created if missing: for commands that produce artifacts. */
  ArtifactStore open() {
    return ArtifactStore.open(dir);
  }

  /** The store, which must exist: for commands that only read it; nothing is created. */
  ArtifactStore openExisting() {
    return ArtifactStore.openExisting(dir);
  }
}
