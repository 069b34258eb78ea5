package dev.bgan.prepare.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bgan.artifact.Artifact;
import dev.bgan.artifact.ArtifactStore;
import dev.bgan.proto.SourceFile;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** What every dataset artifact that a default {@code prepare} run makes must be, whatever the dataset. */
final class PreparedDatasets {
  private PreparedDatasets() {}

  /**
   * Freshly made, verifying, of the stage {@code prepare/<dataset>} with the default 4 shards, from
   * the source files {@code sourceNames} (in order) whose SHA-256 {@code sha256} gives by name.
   */
  static void assertFreshAndVerified(ArtifactStore store, ArtifactStore.Produced produced, String dataset,
      List<String> sourceNames, Function<String, String> sha256) {
    assertFalse(produced.cached());
    Artifact artifact = produced.artifact();
    assertTrue(store.verify(artifact.id()).ok(), store.verify(artifact.id()).summary());
    assertEquals("dataset", artifact.manifest().getKind());
    assertEquals("prepare/" + dataset, artifact.manifest().getStage());
    assertEquals(Map.of("dataset", dataset, "num_shards", "4"), artifact.manifest().getParamsMap());
    List<SourceFile> sources = artifact.manifest().getSourcesList();
    assertEquals(sourceNames, sources.stream().map(SourceFile::getName).toList());
    sources.forEach(s -> assertEquals(sha256.apply(s.getName()), s.getSha256(), s.getName()));
  }
}
