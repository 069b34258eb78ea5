package dev.bgan.prepare.stage;

import dev.bgan.artifact.ArtifactStore;
import java.io.IOException;

/** Prepares one dataset from a request: what an entry of {@link Datasets} makes from a call's options. */
@FunctionalInterface
public interface Preparer {
  ArtifactStore.Produced run(ArtifactStore store, PrepareRequest request) throws IOException;
}
