package dev.bgan.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bgan.proto.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container image in an artifact's identity. Expected keys are Python's hashlib over the
 * canonical texts (computed apart from this code): a stage run in the launcher's JVM keeps the key
 * it had before images existed, and a stage run in an image gets another one.
 */
class ContainerImageKeyTest {
  private static final String IMAGE = "sha256:" + "12".repeat(32);
  private static final ArtifactSpec SPEC = ArtifactSpec.of("model", "train", 1, Map.of("numz", "2", "lr", "0.005"))
      .withSources(List.of(SourceFile.newBuilder().setName("raw.bin").setSha256("ab".repeat(32)).setOrigin("local").build()));

  @TempDir Path root;

  @Test
  void inProcessKeyIsTheHashOfTheCanonicalTextAsBefore() {
    // hashlib.sha256("kind=model\nstage=train\nstage_version=1\nparam.lr=0.005\nparam.numz=2\nsource.raw.bin=abab...\n")
    assertEquals("1e2998ecb0bfffed3314046f53ec7b8c21e0f3effd86c53176616f653acf6998", SPEC.cacheKey().hex());
  }

  @Test
  void imageKeyIsDerivedFromTheInProcessIdAndTheImage() {
    ArtifactSpec inImage = withImage(SPEC, IMAGE);
    // hashlib.sha256("in_process_id=model-1e2998ecb0bfffed\ncontainer_image=sha256:1212...\n")[:16]
    assertEquals("model-5fef39857f8d42ba", inImage.cacheKey().artifactId("model"));
    assertEquals(inImage.cacheKey(), CacheKey.inImage("model-1e2998ecb0bfffed", IMAGE));
    assertFalse(inImage.cacheKey().equals(withImage(SPEC, "sha256:" + "34".repeat(32)).cacheKey()));
  }

  @Test
  void aStageJvmStartedInAnImageRecordsItAndTheArtifactVerifies() throws IOException {
    ArtifactStore store = ArtifactStore.open(root);
    String previous = System.setProperty(ArtifactSpec.IMAGE_PROPERTY, IMAGE);
    ArtifactStore.Produced produced;
    try {
      ArtifactSpec spec = ArtifactSpec.of("model", "train", 1, Map.of("numz", "2"));
      produced = store.produce(spec, CachePolicy.REUSE, draft -> Files.writeString(draft.dir().resolve("w.txt"), "w"));
    } finally {
      if (previous == null) {
        System.clearProperty(ArtifactSpec.IMAGE_PROPERTY);
      } else {
        System.setProperty(ArtifactSpec.IMAGE_PROPERTY, previous);
      }
    }
    assertEquals(IMAGE, produced.artifact().manifest().getEnvironment().getContainerImage());
    assertTrue(store.verify(produced.artifact().id()).ok());
    String inProcess = ArtifactSpec.of("model", "train", 1, Map.of("numz", "2")).cacheKey().artifactId("model");
    assertEquals(CacheKey.inImage(inProcess, IMAGE).artifactId("model"), produced.artifact().id());
  }

  @Test
  void anImageThatIsNotADigestIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> withImage(SPEC, "bgan-train:latest"));
    assertTrue(e.getMessage().contains("bgan-train:latest"), e.getMessage());
  }

  private static ArtifactSpec withImage(ArtifactSpec spec, String image) {
    return new ArtifactSpec(spec.kind(), spec.stage(), spec.stageVersion(), spec.params(), spec.inputs(), spec.sources(), image);
  }
}
