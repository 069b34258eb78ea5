package dev.bgan.artifact;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The lock a process holds while it produces one artifact id: an exclusive {@link FileLock} on
 * {@code .locks/<id>.lock} in the store (so it works across processes and ends with its owner,
 * however the owner ends), behind a lock per id within this JVM (a JVM cannot hold two file locks
 * on one file). Drafts, Beam scratch space, trash and the training work directory of an id are
 * written only under its lock, so whoever holds the lock knows every such leftover is stale.
 *
 * <p>The lock file holds its owner's pid, host and start time, for people and for the message a
 * waiting process prints. A lock file is deleted only by a holder, which first overwrites it with
 * {@value #RELEASED}: a process that was waiting on the deleted file and then gets its lock sees
 * the mark, and opens the path afresh, so two processes never both believe they hold the id.
 */
final class ProducerLock implements AutoCloseable {
  static final String DIR = ".locks";
  static final String SUFFIX = ".lock";
  private static final String RELEASED = "released";
  private static final ConcurrentHashMap<Path, ReentrantLock> IN_JVM = new ConcurrentHashMap<>();

  private final Path file;
  private final ReentrantLock jvmLock;
  private final FileChannel channel;
  private final FileLock lock;
  private final String waitedFor;

  private ProducerLock(Path file, ReentrantLock jvmLock, FileChannel channel, FileLock lock, String waitedFor) {
    this.file = file;
    this.jvmLock = jvmLock;
    this.channel = channel;
    this.lock = lock;
    this.waitedFor = waitedFor;
  }

  static Path fileOf(Path root, String id) {
    return root.resolve(DIR).resolve(id + SUFFIX);
  }

  /** Blocks until this process holds the id; {@code onWait} is told whom it waits for (once). */
  static ProducerLock acquire(Path root, String id, java.util.function.Consumer<String> onWait) throws IOException {
    Path file = fileOf(root, id);
    Files.createDirectories(file.getParent());
    ReentrantLock jvmLock = IN_JVM.computeIfAbsent(file, f -> new ReentrantLock());
    String waitedFor = null;
    if (!jvmLock.tryLock()) {
      waitedFor = "another thread of this process";
      onWait.accept(waitedFor);
      jvmLock.lock();
    }
    try {
      while (true) {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
            StandardOpenOption.WRITE);
        try {
          FileLock lock = channel.tryLock();
          if (lock == null) {
            if (waitedFor == null) {
              waitedFor = owner(channel);
              onWait.accept(waitedFor);
            }
            lock = channel.lock();
          }
          if (released(channel)) {
            // The previous holder deleted this file after we opened it: lock the path's new file.
            channel.close();
            continue;
          }
          channel.truncate(0);
          channel.write(ByteBuffer.wrap(ownerLine().getBytes(StandardCharsets.UTF_8)), 0);
          channel.force(false);
          return new ProducerLock(file, jvmLock, channel, lock, waitedFor);
        } catch (IOException | RuntimeException e) {
          channel.close();
          throw e;
        }
      }
    } catch (IOException | RuntimeException e) {
      jvmLock.unlock();
      throw e;
    }
  }

  /** The lock of the id if nobody holds it now, without waiting. */
  static Optional<ProducerLock> tryAcquire(Path root, String id) throws IOException {
    Path file = fileOf(root, id);
    if (!Files.isDirectory(file.getParent())) {
      Files.createDirectories(file.getParent());
    }
    ReentrantLock jvmLock = IN_JVM.computeIfAbsent(file, f -> new ReentrantLock());
    if (!jvmLock.tryLock()) {
      return Optional.empty();
    }
    FileChannel channel = null;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null || released(channel)) {
        channel.close();
        jvmLock.unlock();
        return Optional.empty();
      }
      return Optional.of(new ProducerLock(file, jvmLock, channel, lock, null));
    } catch (IOException | RuntimeException e) {
      if (channel != null) {
        channel.close();
      }
      jvmLock.unlock();
      throw e;
    }
  }

  /** Who held the lock when this process started waiting, or null if it did not wait. */
  String waitedFor() {
    return waitedFor;
  }

  @Override
  public void close() throws IOException {
    try {
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(RELEASED.getBytes(StandardCharsets.UTF_8)), 0);
      channel.force(false);
      Files.deleteIfExists(file);
    } finally {
      try {
        lock.release();
        channel.close();
      } finally {
        jvmLock.unlock();
      }
    }
  }

  private static boolean released(FileChannel channel) throws IOException {
    return RELEASED.equals(read(channel));
  }

  private static String owner(FileChannel channel) throws IOException {
    String text = read(channel).strip();
    return text.isEmpty() ? "another process" : text;
  }

  private static String read(FileChannel channel) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(256);
    channel.read(buffer, 0);
    return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
  }

  private static String ownerLine() {
    // The host name from the environment or /etc/hostname: resolving it could touch the network.
    String host = System.getenv("HOSTNAME");
    if (host == null || host.isBlank()) {
      try {
        host = Files.readString(Path.of("/etc/hostname"), StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        host = "this host";
      }
    }
    return "process " + ProcessHandle.current().pid() + " on " + host + " since " + Instant.now() + "\n";
  }
}
