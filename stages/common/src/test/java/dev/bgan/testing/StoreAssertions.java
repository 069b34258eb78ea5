package dev.bgan.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bgan.artifact.ArtifactStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Assertions about an artifact store after a stage failed. */
public final class StoreAssertions {
  private StoreAssertions() {}

  /** No artifact is published, and no draft or scratch directory is left in the store's {@code .tmp}. */
  public static void assertNothingPublished(ArtifactStore store) {
    assertEquals(List.of(), store.list());
    Path tmp = store.root().resolve(".tmp");
    if (!Files.exists(tmp)) {
      return;
    }
    try (Stream<Path> drafts = Files.list(tmp)) {
      assertEquals(List.of(), drafts.toList(), "no draft or scratch directory left behind");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
