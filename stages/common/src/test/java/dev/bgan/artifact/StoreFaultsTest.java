package dev.bgan.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bgan.common.BadInputException;
import dev.bgan.testing.Mounts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store under faults: a producer killed or still running in another process, a read-only
 * store, a full file system. Each user-caused condition is one line naming the store, nothing is
 * published, and the store still verifies.
 */
class StoreFaultsTest {
  @TempDir Path root;

  private static final ArtifactSpec SPEC = ArtifactSpec.of("model", "train", 1, Map.of("numz", "2"));
  private static final String ID = SPEC.cacheKey().artifactId("model");

  private static ArtifactStore.PayloadWriter writes(String text) {
    return draft -> Files.writeString(draft.dir().resolve("payload.txt"), text, StandardCharsets.UTF_8);
  }

  /** A second JVM that takes the id's lock (via produce), writes a draft, says so, and waits for {@code go}. */
  private static Process holder(Path store, Path started, Path go) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(),
        store.toString(), started.toString(), go.toString())
        .redirectErrorStream(true).redirectOutput(store.resolveSibling("holder.log").toFile()).start();
  }

  private static void awaitFile(Path file, Process process) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.exists(file)) {
      assertTrue(process.isAlive(), "the holder process died");
      assertTrue(System.nanoTime() < deadline, "the holder process did not start producing");
      Thread.sleep(50);
    }
  }

  @Test
  void aSecondProcessWaitsForTheFirstAndReusesItsArtifact() throws Exception {
    Path store = Files.createDirectories(root.resolve("store"));
    Path started = root.resolve("started");
    Path go = root.resolve("go");
    Process other = holder(store, started, go);
    awaitFile(started, other);
    ArtifactStore here = ArtifactStore.open(store);
    Thread release = new Thread(() -> {
      try {
        Thread.sleep(1000);
        Files.writeString(go, "go");
      } catch (IOException | InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    release.start();
    long start = System.nanoTime();
    ArtifactStore.Produced produced = here.produce(SPEC, CachePolicy.REUSE, writes("from this process"));
    release.join();
    assertEquals(0, other.waitFor());
    assertTrue(produced.cached(), "the other process's artifact is reused");
    assertTrue(System.nanoTime() - start > TimeUnit.MILLISECONDS.toNanos(900), "it waited for the other process");
    assertEquals("from the other process", Files.readString(produced.artifact().dir().resolve("payload.txt")));
    assertTrue(here.verify(ID).ok());
    assertFalse(Files.exists(ProducerLock.fileOf(store, ID)), "the lock file is gone");
  }

  @Test
  void aKilledProducersLockEndsWithItAndItsDraftIsRemoved() throws Exception {
    Path store = Files.createDirectories(root.resolve("store"));
    Path started = root.resolve("started");
    Process other = holder(store, started, root.resolve("never"));
    awaitFile(started, other);
    ArtifactStore here = ArtifactStore.open(store);
    ArtifactStore.Garbage busy = here.collectGarbage(false);
    assertEquals(List.of(), busy.removed(), "gc leaves what a running producer owns");
    assertEquals(1, busy.busy().size());
    other.destroyForcibly().waitFor();
    assertEquals(1, drafts(store).size(), "kill -9 leaves a draft");
    ArtifactStore.Produced produced = here.produce(SPEC, CachePolicy.REUSE, writes("after the kill"));
    assertFalse(produced.cached());
    assertEquals(List.of(), drafts(store), "the dead producer's draft is removed");
    assertTrue(here.verify(ID).ok());
  }

  @Test
  void gcRemovesWhatDeadProducersLeftAndKeepsPublishedArtifacts() throws Exception {
    ArtifactStore store = ArtifactStore.open(root);
    String id = store.produce(SPEC, CachePolicy.REUSE, writes("x")).artifact().id();
    String other = "model-0123456789abcdef";
    Files.createDirectories(root.resolve(".tmp").resolve(other + "." + java.util.UUID.randomUUID()).resolve("data"));
    Files.createDirectories(root.resolve(".tmp").resolve(other + ".beam-123"));
    Files.createDirectories(root.resolve(".tmp").resolve("beam-456"));
    Files.createDirectories(root.resolve(".locks"));
    Files.writeString(root.resolve(".locks").resolve(other + ".lock"), "process 1 on nowhere\n");
    Files.createDirectories(root.resolve(".work").resolve(other));
    Files.writeString(root.resolve(".work").resolve(other).resolve("lock"), "");
    Files.writeString(root.resolve(".work").resolve(other).resolve("checkpoint.params"), "resume me");
    Files.createDirectories(root.resolve(".work").resolve(id));
    // Training curves: of a published model (kept), of a resumable training (kept until its checkpoints go),
    // of a model that is gone (removed).
    String gone = "model-00000000000000ff";
    for (String owner : List.of(id, other, gone)) {
      Files.createDirectories(root.resolve(ArtifactStore.TENSORBOARD).resolve(owner));
      Files.writeString(root.resolve(ArtifactStore.TENSORBOARD).resolve(owner).resolve("events.out.tfevents.1.x"), "");
    }

    ArtifactStore.Garbage garbage = store.collectGarbage(false);
    assertTrue(Files.isDirectory(root.resolve(ArtifactStore.TENSORBOARD).resolve(id)));
    assertTrue(Files.isDirectory(root.resolve(ArtifactStore.TENSORBOARD).resolve(other)));
    assertFalse(Files.exists(root.resolve(ArtifactStore.TENSORBOARD).resolve(gone)));
    assertEquals(List.of(), garbage.busy());
    assertEquals(List.of(), drafts(root));
    assertFalse(Files.exists(root.resolve(".locks").resolve(other + ".lock")));
    assertFalse(Files.exists(root.resolve(".work").resolve(other).resolve("lock")));
    assertTrue(Files.exists(root.resolve(".work").resolve(other).resolve("checkpoint.params")), "checkpoints resume");
    assertFalse(Files.exists(root.resolve(".work").resolve(id)), "a published model needs no work folder");
    assertTrue(store.verify(id).ok());

    store.collectGarbage(true);
    assertFalse(Files.exists(root.resolve(".work").resolve(other)));
    assertFalse(Files.exists(root.resolve(ArtifactStore.TENSORBOARD).resolve(other)));
    assertTrue(Files.isDirectory(root.resolve(ArtifactStore.TENSORBOARD).resolve(id)));
    assertEquals(List.of(id), store.list().stream().map(Artifact::id).toList());
  }

  @Test
  void aReadOnlyStoreIsReadAndVerifiedAndRefusesWritesInOneLine() throws Exception {
    Path source = Files.createDirectories(root.resolve("source"));
    String id = ArtifactStore.open(source).produce(SPEC, CachePolicy.REUSE, writes("x")).artifact().id();
    Path staleDraft = Files.createDirectories(source.resolve(".tmp").resolve(id + ".0000"));
    Path mount = Files.createDirectories(root.resolve("readonly"));
    Assumptions.assumeTrue(Mounts.run("mount", "--bind", source.toString(), mount.toString()),
        "skipped: this machine does not allow bind mounts (needs root)");
    try {
      Assumptions.assumeTrue(Mounts.run("mount", "-o", "remount,bind,ro", mount.toString()), "skipped: no read-only remount");
      ArtifactStore store = ArtifactStore.open(mount);
      assertEquals(List.of(id), store.list().stream().map(Artifact::id).toList());
      assertTrue(store.verify(id).ok());
      assertTrue(store.require(id, "model").id().equals(id));
      assertTrue(store.produce(SPEC, CachePolicy.REUSE, writes("y")).cached(), "a cache hit needs no write");
      ArtifactSpec other = ArtifactSpec.of("model", "train", 1, Map.of("numz", "3"));
      BadInputException e = assertThrows(BadInputException.class,
          () -> store.produce(other, CachePolicy.REUSE, writes("y")));
      assertOneLineNaming(e, mount);
      assertTrue(e.getMessage().contains("cannot write"), e.getMessage());
      assertOneLineNaming(assertThrows(BadInputException.class, () -> store.workDir(id)), mount);
      assertOneLineNaming(assertThrows(BadInputException.class, () -> store.collectGarbage(false)), mount);
      assertTrue(store.verify(id).ok());
      assertTrue(Files.isDirectory(staleDraft));
    } finally {
      Mounts.unmount(mount);
    }
  }

  @Test
  void aFullDiskIsOneLineWithTheSpaceNeededAndLeavesNoDraft() throws Exception {
    Path mount = Files.createDirectories(root.resolve("small"));
    Assumptions.assumeTrue(Mounts.run("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", mount.toString()),
        "skipped: this machine does not allow mounting a tmpfs (needs root)");
    try {
      ArtifactStore store = ArtifactStore.open(mount);
      String small = store.produce(SPEC, CachePolicy.REUSE, writes("fits")).artifact().id();
      ArtifactSpec big = ArtifactSpec.of("model", "train", 1, Map.of("numz", "4"));
      BadInputException e = assertThrows(BadInputException.class, () -> store.produce(big, CachePolicy.REUSE, draft -> {
        try (var out = Files.newOutputStream(draft.dir().resolve("big.bin"))) {
          byte[] block = new byte[64 * 1024];
          for (int i = 0; i < 64; i++) {
            out.write(block);
          }
        }
      }));
      assertOneLineNaming(e, mount);
      assertTrue(e.getMessage().contains("no space left") && e.getMessage().contains("needs more than"), e.getMessage());
      assertEquals(List.of(small), store.list().stream().map(Artifact::id).toList(), "nothing published");
      assertEquals(List.of(), drafts(mount), "the draft is removed");
      assertTrue(store.verify(small).ok());
    } finally {
      Mounts.unmount(mount);
    }
  }

  private static void assertOneLineNaming(BadInputException e, Path store) {
    assertTrue(e.getMessage().startsWith(store.toString() + ": "), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    assertFalse(e.getMessage().matches(".*\\b(java|sun)\\.[a-z]+\\..*"), "no Java class in: " + e.getMessage());
  }

  private static List<Path> drafts(Path store) throws IOException {
    Path tmp = store.resolve(".tmp");
    if (!Files.exists(tmp)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(tmp)) {
      return entries.toList();
    }
  }

  /** Holds an id's lock in its own JVM: produces {@link #SPEC} with a writer that waits for a file. */
  static final class LockHolder {
    public static void main(String[] args) throws Exception {
      Path started = Path.of(args[1]);
      Path go = Path.of(args[2]);
      ArtifactStore.open(Path.of(args[0])).produce(SPEC, CachePolicy.REUSE, draft -> {
        Files.writeString(draft.dir().resolve("payload.txt"), "from the other process", StandardCharsets.UTF_8);
        Files.writeString(started, "started");
        try {
          while (!Files.exists(go)) {
            Thread.sleep(20);
          }
        } catch (InterruptedException e) {
          throw new IOException(e);
        }
      });
    }
  }
}
