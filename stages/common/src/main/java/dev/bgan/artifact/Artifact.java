package dev.bgan.artifact;

import dev.bgan.proto.ArtifactManifest;
import java.nio.file.Path;

/** A published artifact: its directory in the store and its manifest. */
public record Artifact(String id, Path dir, ArtifactManifest manifest) {
  public Path file(String relativePath) {
    return dir.resolve(relativePath);
  }
}
