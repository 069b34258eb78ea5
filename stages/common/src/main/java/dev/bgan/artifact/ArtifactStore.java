package dev.bgan.artifact;

import dev.bgan.common.BadInputException;
import dev.bgan.common.FileTrees;
import dev.bgan.common.ProtoJson;
import dev.bgan.common.Sha256;
import dev.bgan.proto.ArtifactManifest;
import dev.bgan.proto.PayloadFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A directory of artifacts, one sub-directory per artifact id. Drafts are written under
 * {@code .tmp/} and renamed into place only once complete and verified, so readers never see a
 * partial artifact; a killed stage leaves at most a stale draft, which the next publish ignores.
 * The store is a file system path: a local disk or a shared mount that supports atomic rename.
 */
public final class ArtifactStore {
  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]*-[0-9a-f]{16}");
  private static final String TMP = ".tmp";
  private static final String WORK = ".work";
  public static final String TENSORBOARD = ".tensorboard";
  private static final String TRASH = ".trash";
  private static final Logger LOG = LoggerFactory.getLogger(ArtifactStore.class);
  /** The stat cache of file digests: see {@link FileDigestCache}. */
  private static final String FILE_DIGESTS = ".cache/file-digests";
  private static final String SHA256 = "sha256";

  private final Path root;
  private FileDigestCache fileDigests;

  private ArtifactStore(Path root) {
    this.root = root;
  }

  /**
   * The store at {@code root}, created if it does not exist. Opening writes nothing else, so a
   * read-only store (an archived result, another user's) can be listed and verified; its
   * {@code .tmp/}, {@code .locks/}, {@code .work/} and {@code .tensorboard/} appear when something is produced.
   */
  public static ArtifactStore open(Path root) {
    Path absolute = root.toAbsolutePath().normalize();
    if (Files.isDirectory(absolute)) {
      return new ArtifactStore(absolute);
    }
    if (Files.exists(absolute)) {
      throw new BadInputException(absolute + ": is not a directory, so it cannot be an artifact store");
    }
    try {
      Files.createDirectories(absolute);
    } catch (IOException e) {
      throw new BadInputException(absolute + ": cannot create the artifact store (" + e.getMessage() + ")");
    }
    return new ArtifactStore(absolute);
  }

  /**
   * The store at {@code root}, which must exist: for commands that only read (list, show, diff,
   * verify, lineage, check, gc). A missing store is the user's one-line error, and nothing is created.
   */
  public static ArtifactStore openExisting(Path root) {
    Path absolute = root.toAbsolutePath().normalize();
    if (!Files.isDirectory(absolute)) {
      throw new BadInputException(absolute + (Files.exists(absolute) ? ": is not a directory, so it cannot be an artifact store"
          : ": no artifact store there (nothing was produced with --store " + root + "; --store DIR or $BGAN_STORE names the store)"));
    }
    return new ArtifactStore(absolute);
  }

  public Path root() {
    return root;
  }

  /**
   * The store's stat cache of file digests, for the cache keys of raw sources and the check of
   * cached artifacts; callers {@link FileDigestCache#save} what they add.
   */
  public synchronized FileDigestCache fileDigests() {
    if (fileDigests == null) {
      fileDigests = FileDigestCache.open(root.resolve(FILE_DIGESTS));
    }
    return fileDigests;
  }

  public static boolean isArtifactId(String text) {
    return ID.matcher(text).matches();
  }

  /**
   * The id that {@code idOrPrefix} names: a whole id as it is (whether or not it is stored), else
   * the one published artifact whose id, or whose 16 hex digits, start with it ({@code model-3f},
   * {@code 3f2a}). No match, or several, is a one-line error; several are listed in it.
   */
  public String resolve(String idOrPrefix) {
    if (isArtifactId(idOrPrefix)) {
      return idOrPrefix;
    }
    if (idOrPrefix.isEmpty()) {
      throw new BadInputException("an empty artifact id (expected KIND-<16 hex digits>, or a unique prefix of it)");
    }
    List<String> matches = ids().stream()
        .filter(id -> id.startsWith(idOrPrefix) || id.substring(id.lastIndexOf('-') + 1).startsWith(idOrPrefix))
        .toList();
    if (matches.isEmpty()) {
      throw new BadInputException("'" + idOrPrefix + "' is not an artifact id nor the start of one in the store " + root
          + " (an id is KIND-<16 hex digits>; a unique prefix of it or of its hex digits will do)");
    }
    if (matches.size() > 1) {
      int shown = Math.min(matches.size(), 10);
      throw new BadInputException("'" + idOrPrefix + "' is ambiguous: it starts " + matches.size() + " artifact ids: "
          + String.join(", ", matches.subList(0, shown)) + (shown < matches.size() ? ", ..." : "")
          + " (give more of the id)");
    }
    return matches.get(0);
  }

  /** The ids of the published artifacts, sorted; no manifest is read. */
  public List<String> ids() {
    try (Stream<Path> dirs = Files.list(root)) {
      return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString())
          .filter(ArtifactStore::isArtifactId).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The published artifact with this id, if any; its manifest is read but not verified. */
  public Optional<Artifact> find(String id) {
    if (!isArtifactId(id)) {
      return Optional.empty();
    }
    Path dir = root.resolve(id);
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    try {
      return Optional.of(new Artifact(id, dir, ManifestFiles.read(dir)));
    } catch (IOException e) {
      throw new BadInputException("artifact " + id + " is unreadable: " + e.getMessage());
    }
  }

  /**
   * The artifact with this id, checked as a cached artifact is (see {@link #checkCached}), or a
   * one-line error saying why it cannot be used.
   */
  public Artifact require(String id, String expectedKind) {
    if (!isArtifactId(id)) {
      throw new BadInputException("'" + id + "' is not an artifact id (expected KIND-<16 hex digits>)");
    }
    Artifact artifact = find(id).orElseThrow(
        () -> new BadInputException("artifact " + id + " is not in the store " + root));
    if (expectedKind != null && !artifact.manifest().getKind().equals(expectedKind)) {
      throw new BadInputException("artifact " + id + " is a " + artifact.manifest().getKind()
          + ", expected a " + expectedKind);
    }
    Verification verification = checkCached(id);
    if (!verification.ok()) {
      throw new BadInputException("artifact " + verification.summary());
    }
    return artifact;
  }

  /** Every published artifact, oldest first. */
  public List<Artifact> list() {
    try (Stream<Path> dirs = Files.list(root)) {
      return dirs.filter(Files::isDirectory)
          .map(d -> d.getFileName().toString())
          .filter(ArtifactStore::isArtifactId)
          .map(this::find)
          .flatMap(Optional::stream)
          .sorted(Comparator.comparingLong((Artifact a) -> a.manifest().getTiming().getCreatedUnixMs())
              .thenComparing(Artifact::id))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Verifies, byte by byte and each once, everything {@code ids} were made from that this store
   * holds (inputs of inputs, down to the datasets): an artifact made from a corrupt one must not be
   * published as if it were sound. Ancestors absent from the store are not an error here.
   */
  public void requireSoundLineage(List<String> ids) {
    java.util.Set<String> seen = new java.util.HashSet<>();
    java.util.ArrayDeque<String[]> todo = new java.util.ArrayDeque<>();
    ids.forEach(id -> todo.add(new String[] {id, id}));
    while (!todo.isEmpty()) {
      String[] next = todo.poll();
      String id = next[0];
      if (!seen.add(id)) {
        continue;
      }
      Optional<Artifact> artifact = find(id);
      if (artifact.isEmpty()) {
        continue;
      }
      Verification verification = verify(id);
      if (!verification.ok()) {
        throw new BadInputException("artifact " + verification.summary()
            + (id.equals(next[1]) ? "" : " (it is in the lineage of " + next[1] + ")"));
      }
      artifact.get().manifest().getInputsList().forEach(input -> todo.add(new String[] {input.getId(), next[1]}));
    }
  }

  /** Every check, every payload byte hashed: {@code artifacts verify}. */
  public Verification verify(String id) {
    return verifyDir(id, root.resolve(id), PayloadCheck.HASH);
  }

  /**
   * The check of an artifact the run cache reuses or a stage reads: every check of {@link #verify},
   * but a payload file's SHA-256 is taken from the stat cache while the file's inode, size and
   * times are those it was hashed with, and computed (and remembered) otherwise.
   */
  public Verification checkCached(String id) {
    Verification verification = verifyDir(id, root.resolve(id), PayloadCheck.STAT_CACHED);
    fileDigests().save();
    return verification;
  }

  /**
   * A scratch directory that survives a killed stage, for resumable work on the artifact with this
   * id (training checkpoints). It is not part of any artifact.
   */
  public Path workDir(String id) {
    return writableDir(root.resolve(WORK).resolve(id), "training " + id);
  }

  /**
   * TensorBoard event files of the artifact with this id, written while it is made (training curves
   * with real wall times): {@code tensorboard --logdir STORE/.tensorboard} shows one run per model.
   * Not part of any artifact; kept after publication, removed by {@link #collectGarbage} once neither
   * the artifact nor its work directory exists (with {@code checkpoints}, once the artifact does not).
   */
  public Path tensorBoardDir(String id) {
    return writableDir(root.resolve(TENSORBOARD).resolve(id), "TensorBoard events of " + id);
  }

  /** A place for raw downloads shared by every stage, e.g. {@code sources/mnist}. */
  public Path sourcesDir(String name) {
    return writableDir(root.resolve(".sources").resolve(name), "downloading " + name);
  }

  /** {@code dir}, created; a store that refuses the write is the user's one-line error. */
  private Path writableDir(Path dir, String doing) {
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw StoreFaults.translate(root, doing, e, 0).map(RuntimeException.class::cast)
          .orElseGet(() -> new UncheckedIOException(e));
    }
  }

  /**
   * The run cache: the artifact of this spec if it is already published and verifies, otherwise
   * (or when forced) a fresh one made by {@code writer} and published atomically.
   */
  public Produced produce(ArtifactSpec spec, CachePolicy policy, PayloadWriter writer) throws IOException {
    String id = spec.cacheKey().artifactId(spec.kind());
    if (policy == CachePolicy.PLAN) {
      return find(id).map(a -> new Produced(a, true)).orElseGet(() -> new Produced(new Artifact(id, root.resolve(id),
          ArtifactManifest.newBuilder().setId(id).setKind(spec.kind()).setStage(spec.stage())
              .setCacheKey(spec.cacheKey().hex()).build()), false));
    }
    boolean force = policy == CachePolicy.FORCE;
    if (!force) {
      Optional<Artifact> existing = find(id);
      if (existing.isPresent()) {
        Verification verification = checkCached(id);
        if (!verification.ok()) {
          throw new BadInputException("cached artifact " + verification.summary()
              + " (rerun with --force to replace it)");
        }
        return new Produced(existing.get(), true);
      }
      if (policy == CachePolicy.CACHED_ONLY) {
        throw new BadInputException("stage " + spec.stage() + " has no cached artifact " + id
            + " for these parameters and inputs (run it first)");
      }
    }
    ProducerLock lock;
    try {
      lock = ProducerLock.acquire(root, id, owner -> LOG.info("{}: waiting for {}, which is producing it", id, owner));
    } catch (IOException e) {
      throw StoreFaults.translate(root, "producing " + id, e, 0).map(RuntimeException.class::cast).orElseGet(() -> new UncheckedIOException(e));
    }
    try (lock) {
      // Look again under the lock: another process may have published it since (while we waited, or just before).
      Optional<Artifact> published = force ? Optional.empty() : find(id);
      if (published.isPresent()) {
        Verification verification = verify(id);
        if (!verification.ok()) {
          throw new BadInputException("cached artifact " + verification.summary() + " (rerun with --force to replace it)");
        }
        LOG.info("{}: reusing it, produced meanwhile by {}", id,
            lock.waitedFor() != null ? lock.waitedFor() : "another process");
        return new Produced(published.get(), true);
      }
      removeLeftovers(id);
      return new Produced(produceLocked(spec, id, force, writer), false);
    }
  }

  /** Makes and publishes the artifact; the caller holds its lock. A full or read-only store is one line. */
  private Artifact produceLocked(ArtifactSpec spec, String id, boolean force, PayloadWriter writer) throws IOException {
    ArtifactDraft draft = null;
    try {
      draft = newDraft(spec);
      writer.write(draft);
      return publish(draft, force);
    } catch (IOException | RuntimeException e) {
      long work = StoreFaults.sizeOf(root.resolve(WORK).resolve(id));
      long written = draft == null ? 0 : StoreFaults.sizeOf(draft.dir()) + work;
      Optional<BadInputException> fault = StoreFaults.translate(root, "producing " + id, e, written);
      if (fault.isPresent()) {
        if (draft != null) {
          closeQuietly(draft, e);
          draft = null;
        }
        if (work > 0 && fault.get().getMessage().contains("no space left")) {
          throw new BadInputException(fault.get().getMessage() + "; " + StoreFaults.megabytes(work) + " of checkpoints in "
              + WORK + "/" + id + " are kept for a rerun to resume (bgan artifacts gc --checkpoints removes them)", e);
        }
        throw fault.get();
      }
      throw e;
    } finally {
      if (draft != null) {
        draft.close();
      }
    }
  }

  private static void closeQuietly(ArtifactDraft draft, Throwable failure) {
    try {
      draft.close();
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  /**
   * Drafts, scratch and trash of {@code id} left by a killed or failed producer: the caller holds
   * the id's lock, and they are written only under it, so their owner is gone.
   */
  private void removeLeftovers(String id) throws IOException {
    for (String area : List.of(TMP, TRASH)) {
      Path dir = root.resolve(area);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> entries = Files.list(dir)) {
        for (Path entry : entries.filter(e -> e.getFileName().toString().startsWith(id + ".")).toList()) {
          LOG.info("{}: removing {}, left by a run that did not finish", id, root.relativize(entry));
          FileTrees.deleteRecursively(entry);
        }
      }
    }
  }

  /**
   * Removes what killed or failed runs left and no running process owns: drafts and Beam scratch
   * under {@code .tmp/}, replaced artifacts under {@code .trash/}, lock files under {@code .locks/},
   * and under {@code .work/} the folders of published artifacts (and, with {@code checkpoints}, the
   * training checkpoints a rerun would resume from). Ownership is decided by the id's file lock,
   * never by a pid; what a running producer owns is kept and reported as busy.
   */
  public Garbage collectGarbage(boolean checkpoints) throws IOException {
    try {
      return collect(checkpoints);
    } catch (IOException | UncheckedIOException e) {
      Optional<BadInputException> fault = StoreFaults.translate(root, "collecting garbage", e, 0);
      if (fault.isPresent()) {
        throw fault.get();
      }
      throw e;
    }
  }

  private Garbage collect(boolean checkpoints) throws IOException {
    List<String> removed = new ArrayList<>();
    List<String> busy = new ArrayList<>();
    long[] bytes = {0};
    java.util.function.BiConsumer<String, List<Path>> sweep = (id, paths) -> {
      try {
        Optional<ProducerLock> lock = ProducerLock.tryAcquire(root, id);
        if (lock.isEmpty()) {
          paths.forEach(p -> busy.add(root.relativize(p).toString()));
          return;
        }
        try (ProducerLock held = lock.get()) {
          for (Path p : paths) {
            bytes[0] += StoreFaults.sizeOf(p);
            FileTrees.deleteRecursively(p);
            removed.add(root.relativize(p).toString());
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
    Map<String, List<Path>> byId = new java.util.TreeMap<>();
    List<Path> unowned = new ArrayList<>();
    for (String area : List.of(TMP, TRASH, WORK)) {
      for (Path entry : entries(root.resolve(area))) {
        String name = entry.getFileName().toString();
        String id = area.equals(WORK) ? name : name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
        if (!isArtifactId(id)) {
          unowned.add(entry);
        } else if (!area.equals(WORK) || checkpoints || Files.isDirectory(root.resolve(id))) {
          byId.computeIfAbsent(id, k -> new ArrayList<>()).add(entry);
        } else if (Files.exists(entry.resolve("lock"))) {
          // Older versions locked training in .work/<id>/lock and left the file when training failed.
          byId.computeIfAbsent(id, k -> new ArrayList<>()).add(entry.resolve("lock"));
        }
      }
    }
    // Training curves outlive their work directory, not their model.
    for (Path entry : entries(root.resolve(TENSORBOARD))) {
      String id = entry.getFileName().toString();
      if (!isArtifactId(id)) {
        unowned.add(entry);
      } else if (!Files.isDirectory(root.resolve(id)) && (checkpoints || !Files.isDirectory(root.resolve(WORK).resolve(id)))) {
        byId.computeIfAbsent(id, k -> new ArrayList<>()).add(entry);
      }
    }
    for (Path lockFile : entries(root.resolve(ProducerLock.DIR))) {
      String name = lockFile.getFileName().toString();
      if (name.endsWith(ProducerLock.SUFFIX)) {
        // Taking the lock and releasing it deletes a lock file that a killed process left.
        byId.computeIfAbsent(name.substring(0, name.length() - ProducerLock.SUFFIX.length()), k -> new ArrayList<>());
      }
    }
    byId.forEach(sweep);
    // Scratch not named by an id (older versions' beam-* folders) is removed only while nothing is produced.
    if (!unowned.isEmpty()) {
      boolean idle = entries(root.resolve(ProducerLock.DIR)).isEmpty();
      for (Path entry : unowned) {
        if (idle) {
          bytes[0] += StoreFaults.sizeOf(entry);
          FileTrees.deleteRecursively(entry);
          removed.add(root.relativize(entry).toString());
        } else {
          busy.add(root.relativize(entry).toString());
        }
      }
    }
    return new Garbage(removed, busy, bytes[0]);
  }

  private static List<Path> entries(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.sorted().toList();
    }
  }

  /** What {@link #collectGarbage} removed (paths relative to the store), what it kept because a producer runs, the bytes freed. */
  public record Garbage(List<String> removed, List<String> busy, long bytes) {}

  ArtifactDraft newDraft(ArtifactSpec spec) throws IOException {
    Path dir = root.resolve(TMP).resolve(spec.cacheKey().artifactId(spec.kind()) + "." + UUID.randomUUID());
    Files.createDirectories(dir);
    return new ArtifactDraft(spec, dir, System.currentTimeMillis());
  }

  Artifact publish(ArtifactDraft draft, boolean replace) throws IOException {
    ArtifactManifest manifest = draft.seal();
    String id = manifest.getId();
    // The seal hashed these very files a moment ago: hashing them again would check nothing more.
    Verification check = verifyDir(id, draft.dir(), PayloadCheck.SIZES);
    if (!check.ok()) {
      throw new IllegalStateException("draft failed verification before publishing: " + check.summary());
    }
    Path target = root.resolve(id);
    Path trash = null;
    if (replace && Files.exists(target)) {
      trash = root.resolve(TRASH).resolve(id + "." + UUID.randomUUID());
      Files.createDirectories(trash.getParent());
      Files.move(target, trash, StandardCopyOption.ATOMIC_MOVE);
    }
    try {
      Files.move(draft.dir(), target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException(root + ": the store's file system cannot rename atomically", e);
    } catch (IOException e) {
      // rename(2) onto a non-empty directory fails (ENOTEMPTY, reported as a plain
      // FileSystemException): another run published the same key first, and its artifact is as good as ours.
      if (!Files.isDirectory(target)) {
        throw e;
      }
      Verification theirs = verify(id);
      if (!theirs.ok()) {
        throw new IllegalStateException("a concurrent run published a corrupt artifact: " + theirs.summary());
      }
    }
    if (trash != null) {
      FileTrees.deleteRecursively(trash);
    }
    return find(id).orElseThrow();
  }

  /** How a check reads the payload. */
  private enum PayloadCheck {
    /** Every byte hashed. */
    HASH,
    /** Hashed unless the stat cache knows the file in its present state; sizes compared. */
    STAT_CACHED,
    /** Sizes compared, nothing hashed: for a draft just sealed from these files. */
    SIZES
  }

  private Verification verifyDir(String id, Path dir, PayloadCheck payloadCheck) {
    List<String> problems = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return new Verification(id, List.of("not in the store"));
    }
    byte[] pb;
    ArtifactManifest manifest;
    try {
      pb = Files.readAllBytes(dir.resolve(ManifestFiles.PB));
      manifest = ManifestFiles.read(dir);
    } catch (IOException e) {
      return new Verification(id, List.of("manifest unreadable: " + e.getMessage()));
    }
    checkText(dir, ManifestFiles.SEAL, ManifestFiles.seal(pb), problems);
    checkJson(dir, manifest, problems);
    if (!manifest.getId().equals(id)) {
      problems.add("manifest names id " + manifest.getId());
    }
    try {
      String recomputed = specOf(manifest).cacheKey().hex();
      if (!recomputed.equals(manifest.getCacheKey()) || !new CacheKey(recomputed).artifactId(manifest.getKind()).equals(id)) {
        problems.add("cache key does not match the manifest's stage, params and inputs");
      }
    } catch (IllegalArgumentException e) {
      problems.add("manifest identity is invalid: " + e.getMessage());
    }
    Map<String, PayloadFile> declared = new HashMap<>();
    manifest.getFilesList().forEach(f -> declared.put(f.getPath(), f));
    for (String path : payloadPaths(dir)) {
      PayloadFile entry = declared.remove(path);
      if (entry == null) {
        problems.add("undeclared file " + path);
      } else if (payloadCheck != PayloadCheck.HASH && sizeOf(dir.resolve(path)) != entry.getSizeBytes()) {
        problems.add("size mismatch in " + path);
      } else if (payloadCheck != PayloadCheck.SIZES && !payloadSha256(dir.resolve(path), payloadCheck)
          .equals(entry.getSha256())) {
        problems.add("SHA-256 mismatch in " + path);
      }
    }
    declared.keySet().stream().sorted().forEach(missing -> problems.add("missing file " + missing));
    return new Verification(id, problems);
  }

  private String payloadSha256(Path file, PayloadCheck payloadCheck) {
    return payloadCheck == PayloadCheck.STAT_CACHED ? fileDigests().digest(file, SHA256, Sha256::ofFile)
        : Sha256.ofFile(file);
  }

  private static long sizeOf(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return -1;
    }
  }

  static ArtifactSpec specOf(ArtifactManifest manifest) {
    return new ArtifactSpec(
        manifest.getKind(),
        manifest.getStage(),
        manifest.getStageVersion(),
        new java.util.TreeMap<>(manifest.getParamsMap()),
        manifest.getInputsList(),
        manifest.getSourcesList(),
        manifest.getEnvironment().getContainerImage());
  }

  /**
   * The people's rendering holds the same manifest as manifest.pb. Compared as messages, not text:
   * the rendering prints default values, so a field added to the schema later (environment.cpu) is
   * printed for every manifest read since, and text written before it lacks the field.
   */
  private static void checkJson(Path dir, ArtifactManifest manifest, List<String> problems) {
    try {
      ArtifactManifest rendered = ProtoJson.read(dir.resolve(ManifestFiles.JSON), ArtifactManifest.newBuilder()).build();
      if (!rendered.equals(manifest)) {
        problems.add(ManifestFiles.JSON + " does not match manifest.pb");
      }
    } catch (IOException | RuntimeException e) {
      problems.add(ManifestFiles.JSON + " unreadable: " + e.getMessage());
    }
  }

  private static void checkText(Path dir, String name, String expected, List<String> problems) {
    try {
      if (!Files.readString(dir.resolve(name), StandardCharsets.UTF_8).equals(expected)) {
        problems.add(name + " does not match manifest.pb");
      }
    } catch (IOException e) {
      problems.add(name + " unreadable");
    }
  }

  /** Payload files, relative, '/'-separated, sorted; the manifest files are not payload. */
  static List<String> payloadPaths(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile)
          .map(f -> dir.relativize(f).toString().replace('\\', '/'))
          .filter(p -> !ManifestFiles.isManifestFile(p))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes an artifact's payload into its draft directory. */
  @FunctionalInterface
  public interface PayloadWriter {
    void write(ArtifactDraft draft) throws IOException;
  }

  /** The artifact a {@link #produce} call returns, and whether the run cache supplied it. */
  public record Produced(Artifact artifact, boolean cached) {}
}
