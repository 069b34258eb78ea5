package dev.bgan.reproduce;

import dev.bgan.artifact.Artifact;
import dev.bgan.artifact.ArtifactStore;
import dev.bgan.artifact.Verification;
import dev.bgan.common.BadInputException;
import dev.bgan.proto.InputRef;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A store for one reproduction, holding the inputs of the artifact to reproduce and their inputs
 * down to the datasets, each verified byte for byte in the user's store first, then hard-linked
 * (copied where the two stores are on different file systems). The user's store is only read.
 */
final class ScratchStore {
  private ScratchStore() {}

  /**
   * Fills {@code scratch} with the lineage of {@code target} taken from {@code store}; returns the
   * ids placed there. An input that is missing or does not verify is the user's one-line error.
   */
  static Set<String> fill(ArtifactStore store, Artifact target, Path scratch) throws IOException {
    Set<String> placed = new LinkedHashSet<>();
    Deque<InputRef> pending = new ArrayDeque<>(target.manifest().getInputsList());
    while (!pending.isEmpty()) {
      InputRef input = pending.pop();
      if (placed.contains(input.getId())) {
        continue;
      }
      Artifact artifact = store.find(input.getId()).orElseThrow(() -> new BadInputException("the input "
          + input.getId() + " (" + input.getRole() + ") of " + target.id() + " is not in the store " + store.root()
          + ": reproduce needs every input down to the datasets"));
      Verification verification = store.verify(artifact.id());
      if (!verification.ok()) {
        throw new BadInputException("the input " + verification.summary() + " (an input of " + target.id()
            + "; reproduce reads only inputs that verify)");
      }
      linkOrCopyTree(artifact.dir(), scratch.resolve(artifact.id()));
      placed.add(artifact.id());
      pending.addAll(artifact.manifest().getInputsList());
    }
    return placed;
  }

  private static void linkOrCopyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path source : files.toList()) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          try {
            Files.createLink(target, source);
          } catch (FileSystemException | UnsupportedOperationException e) {
            Files.copy(source, target);
          }
        }
      }
    }
  }

  /** Removes a scratch store that is not kept. */
  static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
