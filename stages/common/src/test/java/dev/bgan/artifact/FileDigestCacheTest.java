package dev.bgan.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bgan.common.FileStat;
import dev.bgan.common.Sha256;
import dev.bgan.proto.SourceFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDigestCacheTest {
  /**
   * Files written by a test are younger than the racy margin; a clock an hour ahead lets them be
   * remembered as files written long before their hashing are.
   */
  private static final Clock LATER = Clock.offset(Clock.systemUTC(), Duration.ofHours(1));

  @TempDir Path dir;
  private Path cacheFile;
  private Path data;
  private final AtomicInteger hashed = new AtomicInteger();

  @BeforeEach
  void setUp() throws IOException {
    cacheFile = dir.resolve("store/.cache/file-digests");
    data = dir.resolve("data.bin");
    Files.writeString(data, "0123456789", StandardCharsets.UTF_8);
  }

  private String sha256(FileDigestCache cache, Path file) {
    return cache.digest(file, "sha256", f -> {
      hashed.incrementAndGet();
      return Sha256.ofFile(f);
    });
  }

  @Test
  void anUnchangedFileIsHashedOnceAcrossRuns() {
    FileDigestCache first = FileDigestCache.open(cacheFile, LATER);
    assertEquals(Sha256.ofFile(data), sha256(first, data));
    assertEquals(Sha256.ofFile(data), sha256(first, data));
    first.save();
    FileDigestCache second = FileDigestCache.open(cacheFile, LATER);
    assertEquals(Sha256.ofFile(data), sha256(second, data));
    assertEquals(1, hashed.get());
    assertEquals(0, second.computed());
  }

  @Test
  void aFileRewrittenWithTheSameSizeIsHashedAgain() throws IOException {
    FileDigestCache cache = FileDigestCache.open(cacheFile, LATER);
    String before = sha256(cache, data);
    FileTime mtime = Files.getLastModifiedTime(data);
    Files.writeString(data, "9876543210", StandardCharsets.UTF_8);
    Files.setLastModifiedTime(data, FileTime.from(mtime.toInstant().plusSeconds(1)));
    String after = sha256(cache, data);
    assertNotEquals(before, after);
    assertEquals(Sha256.ofFile(data), after);
    assertEquals(2, hashed.get());
  }

  @Test
  void aFileRewrittenInPlaceWithItsWriteTimeRestoredIsHashedAgain() throws IOException, InterruptedException {
    FileDigestCache cache = FileDigestCache.open(cacheFile, LATER);
    String before = sha256(cache, data);
    FileTime mtime = Files.getLastModifiedTime(data);
    FileStat stat = FileStat.of(data).orElseThrow();
    // Past the status-change time's granularity, so that the rewrite's is another.
    do {
      Thread.sleep(20);
      Files.writeString(data, "9876543210", StandardCharsets.UTF_8);
      Files.setLastModifiedTime(data, mtime);
    } while (FileStat.of(data).orElseThrow().ctimeNanos() == stat.ctimeNanos());
    assertEquals(stat.inode(), FileStat.of(data).orElseThrow().inode());
    assertEquals(stat.mtimeNanos(), FileStat.of(data).orElseThrow().mtimeNanos());
    String after = sha256(cache, data);
    assertNotEquals(before, after);
    assertEquals(Sha256.ofFile(data), after);
  }

  @Test
  void aFileReplacedByAnotherWithItsWriteTimeRestoredIsHashedAgain() throws IOException {
    FileDigestCache cache = FileDigestCache.open(cacheFile, LATER);
    String before = sha256(cache, data);
    FileTime mtime = Files.getLastModifiedTime(data);
    Path other = dir.resolve("other.bin");
    Files.writeString(other, "abcdefghij", StandardCharsets.UTF_8);
    Files.setLastModifiedTime(other, mtime);
    Files.move(other, data, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    assertEquals(mtime, Files.getLastModifiedTime(data));
    assertEquals(Files.size(dir.resolve("data.bin")), 10);
    String after = sha256(cache, data);
    assertNotEquals(before, after);
    assertEquals(Sha256.ofFile(data), after);
    assertEquals(2, hashed.get());
  }

  @Test
  void aFileWrittenMomentsBeforeItsHashingIsNotRemembered() {
    FileDigestCache cache = FileDigestCache.open(cacheFile, Clock.systemUTC());
    sha256(cache, data);
    sha256(cache, data);
    assertEquals(2, hashed.get(), "racy: a same-size write within the time stamps' granularity would go unseen");
    FileDigestCache settled = FileDigestCache.open(cacheFile,
        Clock.fixed(Instant.now().plus(FileDigestCache.RACY).plusSeconds(1), ZoneOffset.UTC));
    sha256(settled, data);
    sha256(settled, data);
    assertEquals(3, hashed.get());
  }

  @Test
  void aCorruptCacheIsIgnoredAndRebuilt() throws IOException {
    FileDigestCache cache = FileDigestCache.open(cacheFile, LATER);
    String digest = sha256(cache, data);
    cache.save();
    byte[] good = Files.readAllBytes(cacheFile);
    String text = new String(good, StandardCharsets.UTF_8);
    // A wrong digest in a well-formed line, a truncation, another version, garbage.
    List<byte[]> corrupt = List.of(
        text.replace(digest, "0".repeat(64)).getBytes(StandardCharsets.UTF_8),
        java.util.Arrays.copyOf(good, good.length - 10),
        text.replace(FileDigestCache.MAGIC + " 1", FileDigestCache.MAGIC + " 2").getBytes(StandardCharsets.UTF_8),
        "\u0000\u0001garbage".getBytes(StandardCharsets.UTF_8));
    for (byte[] bytes : corrupt) {
      Files.write(cacheFile, bytes);
      FileDigestCache reopened = FileDigestCache.open(cacheFile, LATER);
      assertEquals(digest, sha256(reopened, data));
      assertEquals(1, reopened.computed(), "the corrupt cache is not trusted");
      reopened.save();
      assertEquals(0, FileDigestCache.open(cacheFile, LATER).computed());
      FileDigestCache rebuilt = FileDigestCache.open(cacheFile, LATER);
      sha256(rebuilt, data);
      assertEquals(0, rebuilt.computed(), "rebuilt");
    }
  }

  @Test
  void digestKindsAreKeptApart() {
    FileDigestCache cache = FileDigestCache.open(cacheFile, LATER);
    assertEquals("a".repeat(64), cache.digest(data, "kind-a", f -> "a".repeat(64)));
    assertEquals("b".repeat(64), cache.digest(data, "kind-b", f -> "b".repeat(64)));
    assertEquals("a".repeat(64), cache.digest(data, "kind-a", f -> "c".repeat(64)));
  }

  @Test
  void savingPrunesFilesGoneAndKeepsWhatOthersSaved() throws IOException {
    Path second = dir.resolve("second.bin");
    Files.writeString(second, "second", StandardCharsets.UTF_8);
    FileDigestCache one = FileDigestCache.open(cacheFile, LATER);
    FileDigestCache two = FileDigestCache.open(cacheFile, LATER);
    sha256(one, data);
    sha256(two, second);
    one.save();
    two.save();
    assertEquals(2, FileDigestCache.read(cacheFile).orElseThrow().size());
    Files.delete(second);
    FileDigestCache three = FileDigestCache.open(cacheFile, LATER);
    sha256(three, dir.resolve("store").resolve("..").resolve("data.bin"));
    Path third = dir.resolve("third.bin");
    Files.writeString(third, "third", StandardCharsets.UTF_8);
    sha256(three, third);
    three.save();
    Map<FileDigestCache.Key, FileDigestCache.Entry> saved = FileDigestCache.read(cacheFile).orElseThrow();
    assertEquals(2, saved.size());
    assertTrue(saved.values().stream().anyMatch(e -> e.path().equals(third.toString())));
    assertFalse(saved.values().stream().anyMatch(e -> e.path().endsWith("second.bin")));
  }

  @Test
  void cachedArtifactsAreCheckedThroughTheStatCacheAndArtifactsVerifyHashesEverything() throws IOException {
    ArtifactStore store = ArtifactStore.open(dir.resolve("store"));
    ArtifactSpec spec = ArtifactSpec.of("model", "train", 1, Map.of("numz", "2"))
        .withSources(List.of(SourceFile.newBuilder().setName("raw.bin").setSha256("ab".repeat(32)).build()));
    Artifact artifact = store.produce(spec, CachePolicy.REUSE,
        draft -> Files.writeString(draft.dir().resolve("payload.txt"), "payload", StandardCharsets.UTF_8)).artifact();
    Path payload = artifact.dir().resolve("payload.txt");
    // A cache that holds a wrong digest for the payload as it is now (as a bug or an attacker could leave):
    Files.createDirectories(cacheFile.getParent());
    FileStat state = FileStat.of(payload).orElseThrow();
    Files.write(cacheFile, FileDigestCache.render(Map.of(FileDigestCache.Key.of("sha256", state),
        new FileDigestCache.Entry(state, "0".repeat(64), payload.toString()))));
    ArtifactStore reopened = ArtifactStore.open(dir.resolve("store"));
    assertTrue(reopened.checkCached(artifact.id()).summary().contains("SHA-256 mismatch in payload.txt"),
        "the check of a cached artifact consults the stat cache");
    assertTrue(reopened.verify(artifact.id()).ok(), "artifacts verify never does: " + reopened.verify(artifact.id()).summary());
    // and a cached artifact whose payload changed size is refused without hashing
    Files.writeString(payload, "payload!", StandardCharsets.UTF_8);
    assertTrue(ArtifactStore.open(dir.resolve("store")).checkCached(artifact.id()).summary()
        .contains("size mismatch in payload.txt"));
  }
}
