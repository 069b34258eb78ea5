package dev.bgan.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bgan.common.BadInputException;
import dev.bgan.common.ProtoJson;
import dev.bgan.proto.ArtifactManifest;
import dev.bgan.proto.SourceFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactStoreTest {
  @TempDir Path root;

  private static final ArtifactSpec SPEC = ArtifactSpec.of("model", "train", 1, Map.of("numz", "2", "lr", "0.005"))
      .withSources(List.of(SourceFile.newBuilder().setName("raw.bin").setSha256("ab".repeat(32)).setOrigin("local").build()));

  private static ArtifactStore.PayloadWriter writes(String text, AtomicInteger calls) {
    return draft -> {
      calls.incrementAndGet();
      Files.createDirectories(draft.dir().resolve("sub"));
      Files.writeString(draft.dir().resolve("sub/payload.txt"), text, StandardCharsets.UTF_8);
    };
  }

  @Test
  void secondProduceIsACacheHitAndDoesNotRecompute() throws IOException {
    ArtifactStore store = ArtifactStore.open(root);
    AtomicInteger calls = new AtomicInteger();
    ArtifactStore.Produced first = store.produce(SPEC, CachePolicy.REUSE, writes("hello", calls));
    ArtifactStore.Produced second = store.produce(SPEC, CachePolicy.REUSE, writes("hello", calls));
    assertFalse(first.cached());
    assertTrue(second.cached());
    assertEquals(1, calls.get());
    assertEquals(first.artifact().id(), second.artifact().id());
    assertTrue(first.artifact().id().matches("model-[0-9a-f]{16}"));
    assertTrue(store.verify(first.artifact().id()).ok());
    assertEquals(List.of("sub/payload.txt"), first.artifact().manifest().getFilesList().stream().map(f -> f.getPath()).toList());
  }

  @Test
  void cacheKeyCoversParamsInputsAndSources() throws IOException {
    ArtifactStore store = ArtifactStore.open(root);
    Artifact input = store.produce(SPEC, CachePolicy.REUSE, writes("x", new AtomicInteger())).artifact();
    String base = SPEC.cacheKey().hex();
    assertNotEquals(base, ArtifactSpec.of("model", "train", 1, Map.of("numz", "3", "lr", "0.005"))
        .withSources(SPEC.sources()).cacheKey().hex());
    assertNotEquals(base, ArtifactSpec.of("model", "train", 2, SPEC.params()).withSources(SPEC.sources()).cacheKey().hex());
    assertNotEquals(base, SPEC.withInput("data", input).cacheKey().hex());
    assertNotEquals(base, ArtifactSpec.of("model", "train", 1, SPEC.params()).cacheKey().hex());
  }

  /** Every flipped bit of a payload, the manifest or the seal is detected; of manifest.json, every one that changes what it says. */
  @Test
  void everyTamperedByteOfEveryFileIsDetected() throws IOException {
    ArtifactStore store = ArtifactStore.open(root);
    Artifact artifact = store.produce(SPEC, CachePolicy.REUSE, writes("payload bytes", new AtomicInteger())).artifact();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(artifact.dir())) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    assertEquals(4, files.size());
    int checked = 0;
    for (Path file : files) {
      byte[] original = Files.readAllBytes(file);
      for (int i = 0; i < original.length; i++) {
        byte[] tampered = original.clone();
        tampered[i] ^= 0x01;
        Files.write(file, tampered);
        if (file.getFileName().toString().equals(ManifestFiles.JSON) && store.verify(artifact.id()).ok()) {
          // The people's rendering is compared as the manifest it holds: only a change of what it says counts.
          assertEquals(artifact.manifest(), ProtoJson.read(file, ArtifactManifest.newBuilder()).build(),
              "manifest.json byte " + i + " changed what it says but verified");
        } else {
          assertFalse(store.verify(artifact.id()).ok(), file.getFileName() + " byte " + i);
        }
        checked++;
      }
      Files.write(file, original);
    }
    assertTrue(checked > 500);
    assertTrue(store.verify(artifact.id()).ok());
  }

  /**
   * The JSON rendering prints default values, so a manifest written before a field joined the
   * schema (environment.cpu) lacks a line the current rendering has: it still verifies, while a
   * changed value in it does not.
   */
  @Test
  void aManifestRenderedBeforeAFieldWasAddedStillVerifies() throws IOException {
    ArtifactStore store = ArtifactStore.open(root);
    Artifact artifact = store.produce(SPEC, CachePolicy.REUSE, writes("p", new AtomicInteger())).artifact();
    // The artifact as a version without environment.cpu wrote it: no cpu in manifest.pb, no line in manifest.json.
    ArtifactManifest earlier = artifact.manifest().toBuilder().setEnvironment(
        artifact.manifest().getEnvironment().toBuilder().clearCpu()).build();
    ManifestFiles.write(artifact.dir(), earlier);
    Path json = artifact.dir().resolve(ManifestFiles.JSON);
    String current = Files.readString(json, StandardCharsets.UTF_8);
    String earlierText = current.replaceAll(",\\n\\s*\"cpu\": \"\"", "");
    assertNotEquals(current, earlierText);
    Files.writeString(json, earlierText, StandardCharsets.UTF_8);
    assertTrue(store.verify(artifact.id()).ok(), store.verify(artifact.id()).summary());
    Files.writeString(json, earlierText.replace("\"numz\": \"2\"", "\"numz\": \"3\""), StandardCharsets.UTF_8);
    assertTrue(store.verify(artifact.id()).summary().contains("manifest.json does not match manifest.pb"),
        store.verify(artifact.id()).summary());
  }

  @Test
  void extraAndMissingFilesAreDetectedByName() throws IOException {
    ArtifactStore store = ArtifactStore.open(root);
    Artifact artifact = store.produce(SPEC, CachePolicy.REUSE, writes("p", new AtomicInteger())).artifact();
    Files.writeString(artifact.dir().resolve("extra.txt"), "x");
    assertTrue(store.verify(artifact.id()).summary().contains("undeclared file extra.txt"));
    Files.delete(artifact.dir().resolve("extra.txt"));
    Files.delete(artifact.dir().resolve("sub/payload.txt"));
    assertTrue(store.verify(artifact.id()).summary().contains("missing file sub/payload.txt"));
    BadInputException e = assertThrows(BadInputException.class, () -> store.require(artifact.id(), "model"));
    assertTrue(e.getMessage().contains(artifact.id()));
    assertThrows(BadInputException.class, () -> store.produce(SPEC, CachePolicy.REUSE, writes("p", new AtomicInteger())),
        "a corrupt cached artifact is reported, not silently reused");
  }

  @Test
  void aFailingStagePublishesNothingAndLeavesNoDraft() throws IOException {
    ArtifactStore store = ArtifactStore.open(root);
    assertThrows(IOException.class, () -> store.produce(SPEC, CachePolicy.REUSE, draft -> {
      Files.writeString(draft.dir().resolve("half.txt"), "half");
      throw new IOException("killed");
    }));
    assertTrue(store.list().isEmpty());
    try (Stream<Path> tmp = Files.list(root.resolve(".tmp"))) {
      assertEquals(0, tmp.count());
    }
    assertFalse(Files.exists(root.resolve(".locks").resolve(SPEC.cacheKey().artifactId("model") + ".lock")),
        "a failed run leaves no lock file");
  }

  @Test
  void forceReplacesAndCachedOnlyMissIsAnError() throws IOException {
    ArtifactStore store = ArtifactStore.open(root);
    BadInputException miss = assertThrows(BadInputException.class,
        () -> store.produce(SPEC, CachePolicy.CACHED_ONLY, writes("a", new AtomicInteger())));
    assertTrue(miss.getMessage().contains("no cached artifact"));
    AtomicInteger calls = new AtomicInteger();
    String id = store.produce(SPEC, CachePolicy.REUSE, writes("a", calls)).artifact().id();
    ArtifactStore.Produced forced = store.produce(SPEC, CachePolicy.FORCE, writes("a", calls));
    assertFalse(forced.cached());
    assertEquals(2, calls.get());
    assertEquals(id, forced.artifact().id());
    assertTrue(store.verify(id).ok());
    assertTrue(store.produce(SPEC, CachePolicy.CACHED_ONLY, writes("a", calls)).cached());
  }

  @Test
  void racingRunsForOneKeyMakeItOnceAndBothEndWithTheSameVerifiedArtifact() throws Exception {
    ArtifactStore store = ArtifactStore.open(root);
    CountDownLatch firstWriting = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<ArtifactStore.Produced>> results = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        results.add(pool.submit(() -> store.produce(SPEC, CachePolicy.REUSE, draft -> {
          calls.incrementAndGet();
          firstWriting.countDown();
          try {
            Thread.sleep(300);
          } catch (InterruptedException e) {
            throw new IOException(e);
          }
          Files.writeString(draft.dir().resolve("payload.txt"), "same");
        })));
        if (i == 0) {
          firstWriting.await();
        }
      }
      ArtifactStore.Produced a = results.get(0).get();
      ArtifactStore.Produced b = results.get(1).get();
      assertEquals(a.artifact().id(), b.artifact().id());
      assertFalse(a.cached());
      assertTrue(b.cached(), "the second run waits for the first and reuses its artifact");
      assertEquals(1, calls.get());
      assertTrue(store.verify(a.artifact().id()).ok());
      assertEquals(1, store.list().size());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void lineagePrintsControlCharactersInNamesEscaped() throws IOException {
    ArtifactStore store = ArtifactStore.open(root);
    String forged = "x.png\n    source: real.png  sha256 " + "00".repeat(32) + "\u001b[2K";
    Artifact data = store.produce(ArtifactSpec.of("dataset", "prepare/folder", 1, Map.of("name", "a\nb"))
        .withSources(List.of(SourceFile.newBuilder().setName(forged).setSha256("ab".repeat(32)).setOrigin("local").build())),
        CachePolicy.REUSE, writes("d", new AtomicInteger())).artifact();
    String lineage = new Lineage(store).render(data.id());
    assertEquals(3, lineage.lines().count(), lineage);
    assertTrue(lineage.contains("source: x.png\\n    source: real.png  sha256 " + "00".repeat(32) + "\\u001b[2K  sha256 "),
        lineage);
    assertTrue(lineage.contains("name=a\\nb"), lineage);
  }

  @Test
  void aSoundLineageIsRequiredDownToTheDataset() throws IOException {
    ArtifactStore store = ArtifactStore.open(root);
    Artifact data = store.produce(ArtifactSpec.of("dataset", "prepare/x", 1, Map.of()), CachePolicy.REUSE,
        writes("d", new AtomicInteger())).artifact();
    Artifact model = store.produce(ArtifactSpec.of("model", "train", 1, Map.of()).withInput("data", data),
        CachePolicy.REUSE, writes("m", new AtomicInteger())).artifact();
    Artifact metrics = store.produce(ArtifactSpec.of("metrics", "evaluate", 1, Map.of()).withInput("model", model),
        CachePolicy.REUSE, writes("e", new AtomicInteger())).artifact();
    store.requireSoundLineage(List.of(metrics.id()));
    Files.writeString(data.dir().resolve("sub/payload.txt"), "D");
    BadInputException e = assertThrows(BadInputException.class, () -> store.requireSoundLineage(List.of(metrics.id())));
    assertEquals("artifact " + data.id() + ": SHA-256 mismatch in sub/payload.txt (it is in the lineage of "
        + metrics.id() + ")", e.getMessage());
  }

  @Test
  void lineageReachesTheRawSources() throws IOException {
    ArtifactStore store = ArtifactStore.open(root);
    Artifact data = store.produce(SPEC, CachePolicy.REUSE, writes("d", new AtomicInteger())).artifact();
    Artifact metrics = store.produce(ArtifactSpec.of("metrics", "evaluate", 1, Map.of()).withInput("model", data),
        CachePolicy.REUSE, writes("m", new AtomicInteger())).artifact();
    String lineage = new Lineage(store).render(metrics.id());
    assertTrue(lineage.startsWith(metrics.id()));
    assertTrue(lineage.contains("model: " + data.id()));
    assertTrue(lineage.contains("source: raw.bin  sha256 " + "ab".repeat(32)));
  }
}
