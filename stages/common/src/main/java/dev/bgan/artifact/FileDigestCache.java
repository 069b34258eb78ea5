package dev.bgan.artifact;

import dev.bgan.common.FileDigests;
import dev.bgan.common.FileStat;
import dev.bgan.common.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's stat cache (as DVC keeps one): the digest of a file computed once is reused while
 * the file's device, inode, size, write time and status-change time (nanoseconds) are what they
 * were when it was computed. Writing a file changes its times; replacing it (even by one with its
 * old write time restored) changes its inode; restoring a write time in place changes the
 * status-change time. Entries are found by device and inode, so a renamed file (an artifact's
 * directory moved) keeps its entry; the path is kept beside, to prune entries of files gone. A
 * file whose times are less than {@link #RACY} older than the start of its hashing is hashed but
 * not remembered (git's racy-clean rule: a write within the time stamps' granularity would go
 * unseen), so the files a run writes are remembered by the next run that hashes them.
 *
 * <p>The cache is one text file with a magic, a version and a SHA-256 of its entries: one that is
 * missing, unreadable, of another version or corrupt is ignored and rebuilt. {@link #save} merges
 * with what other processes saved meanwhile and replaces the file atomically. It speeds up cache
 * keys and the check of cached artifacts; {@code artifacts verify} never consults it. File systems
 * without unix attributes (inode, ctime) are never cached.
 */
public final class FileDigestCache implements FileDigests {
  /** Files touched less than this before their hashing started are not remembered. */
  static final Duration RACY = Duration.ofSeconds(2);
  static final String MAGIC = "bgan-file-digests";
  static final int VERSION = 1;

  private static final Logger LOG = LoggerFactory.getLogger(FileDigestCache.class);
  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern KIND = Pattern.compile("[a-z0-9_-]+");

  private final Path file;
  private final Clock clock;
  private final Map<Key, Entry> entries;
  private final Map<Key, Entry> added = new HashMap<>();
  private int computed;

  private FileDigestCache(Path file, Clock clock, Map<Key, Entry> entries) {
    this.file = file;
    this.clock = clock;
    this.entries = entries;
  }

  /** The cache kept in {@code file}: empty where it is missing or corrupt. */
  public static FileDigestCache open(Path file) {
    return open(file, Clock.systemUTC());
  }

  static FileDigestCache open(Path file, Clock clock) {
    return new FileDigestCache(file, clock, new HashMap<>(read(file).orElseGet(Map::of)));
  }

  @Override
  public synchronized String digest(Path path, String kind, Function<Path, String> compute) {
    if (!KIND.matcher(kind).matches()) {
      throw new IllegalArgumentException("digest kind must be [a-z0-9_-]+, got " + kind);
    }
    Optional<FileStat> before = FileStat.of(path);
    if (before.isPresent()) {
      Entry entry = entries.get(Key.of(kind, before.get()));
      if (entry != null && entry.state().equals(before.get())) {
        return entry.digest();
      }
    }
    Instant start = clock.instant();
    String digest = compute.apply(path);
    computed++;
    Optional<FileStat> after = FileStat.of(path);
    if (before.isPresent() && before.equals(after) && before.get().settledBefore(start.minus(RACY))
        && HEX64.matcher(digest).matches()) {
      put(kind, before.get(), digest, path);
    }
    return digest;
  }

  private void put(String kind, FileStat state, String digest, Path path) {
    Key key = Key.of(kind, state);
    Entry entry = new Entry(state, digest, path.toAbsolutePath().normalize().toString());
    entries.put(key, entry);
    added.put(key, entry);
  }

  /** How many digests this cache computed rather than remembered. */
  public synchronized int computed() {
    return computed;
  }

  /**
   * Writes what this process learnt, merged over what the file holds now, atomically; a failure
   * to write (a read-only store) only costs the next run its hashing.
   */
  public synchronized void save() {
    if (added.isEmpty()) {
      return;
    }
    Map<Key, Entry> merged = new HashMap<>(read(file).orElseGet(Map::of));
    merged.putAll(added);
    // Entries of files gone or rewritten are dropped, so that the cache holds what the disk holds.
    merged.values().removeIf(e -> FileStat.of(Path.of(e.path())).filter(e.state()::equals).isEmpty());
    Path tmp = file.resolveSibling(file.getFileName() + "." + UUID.randomUUID() + ".tmp");
    try {
      Files.createDirectories(file.getParent());
      Files.write(tmp, render(merged));
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      added.clear();
    } catch (IOException | UnsupportedOperationException e) {
      LOG.warn("Cannot save the file digest cache {} ({}); the next run hashes those files again", file,
          e instanceof AtomicMoveNotSupportedException ? "no atomic rename" : e.getMessage());
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // the temporary file is named as such; nothing reads it
      }
    }
  }

  static byte[] render(Map<Key, Entry> entries) {
    StringBuilder body = new StringBuilder();
    entries.entrySet().stream()
        .sorted(Map.Entry.comparingByValue((a, b) -> a.path().equals(b.path())
            ? Long.compare(a.state().inode(), b.state().inode()) : a.path().compareTo(b.path())))
        .forEach(e -> {
          FileStat s = e.getValue().state();
          body.append(e.getKey().kind()).append('\t').append(s.device()).append('\t').append(s.inode())
              .append('\t').append(s.size()).append('\t').append(s.mtimeNanos()).append('\t').append(s.ctimeNanos())
              .append('\t').append(e.getValue().digest()).append('\t').append(escape(e.getValue().path())).append('\n');
        });
    String text = MAGIC + " " + VERSION + "\n" + body + "end " + Sha256.of(body.toString()) + "\n";
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** The entries of the file, or empty when it is missing or not a complete, intact cache of this version. */
  static Optional<Map<Key, Entry>> read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("Ignoring the unreadable file digest cache {} ({})", file, e.getMessage());
      return Optional.empty();
    }
    Optional<Map<Key, Entry>> parsed = parse(text);
    if (parsed.isEmpty()) {
      LOG.warn("Ignoring the corrupt file digest cache {}: every file is hashed again", file);
    }
    return parsed;
  }

  private static Optional<Map<Key, Entry>> parse(String text) {
    String header = MAGIC + " " + VERSION + "\n";
    int endAt = text.lastIndexOf("end ");
    if (!text.startsWith(header) || endAt < header.length() || !text.endsWith("\n")) {
      return Optional.empty();
    }
    String body = text.substring(header.length(), endAt);
    if (!text.substring(endAt).equals("end " + Sha256.of(body) + "\n")) {
      return Optional.empty();
    }
    Map<Key, Entry> entries = new HashMap<>();
    try {
      for (String line : body.split("\n", -1)) {
        if (line.isEmpty()) {
          continue;
        }
        String[] f = line.split("\t", -1);
        if (f.length != 8 || !KIND.matcher(f[0]).matches() || !HEX64.matcher(f[6]).matches()) {
          return Optional.empty();
        }
        FileStat state = new FileStat(Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
            Long.parseLong(f[4]), Long.parseLong(f[5]));
        entries.put(Key.of(f[0], state), new Entry(state, f[6], unescape(f[7])));
      }
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    return Optional.of(entries);
  }

  private static String escape(String path) {
    return path.replace("%", "%25").replace("\t", "%09").replace("\n", "%0A").replace("\r", "%0D");
  }

  private static String unescape(String text) {
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%09", "\t").replace("%25", "%");
  }

  /** A file's digest of one kind is found by the file's device and inode. */
  record Key(String kind, long device, long inode) {
    static Key of(String kind, FileStat state) {
      return new Key(kind, state.device(), state.inode());
    }
  }

  record Entry(FileStat state, String digest, String path) {}
}
