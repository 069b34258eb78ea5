package dev.bgan.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What stat(2) says of a file, as far as a change of its content would change it: device and
 * inode (a replaced file has another), size, and the times of its last write and last status
 * change, in nanoseconds (restoring a write time changes the status-change time).
 */
public record FileStat(long device, long inode, long size, long mtimeNanos, long ctimeNanos) {

  /** The file's state, or empty where the file is missing or its file system has no unix attributes. */
  public static Optional<FileStat> of(Path file) {
    try {
      Map<String, Object> a = Files.readAttributes(file, "unix:dev,ino,size,lastModifiedTime,ctime");
      if (a.get("dev") instanceof Long dev && a.get("ino") instanceof Long ino && a.get("size") instanceof Long size
          && a.get("lastModifiedTime") instanceof FileTime mtime && a.get("ctime") instanceof FileTime ctime) {
        return Optional.of(new FileStat(dev, ino, size, mtime.to(TimeUnit.NANOSECONDS), ctime.to(TimeUnit.NANOSECONDS)));
      }
      return Optional.empty();
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Whether the file was last written, and its status last changed, before {@code instant}. */
  public boolean settledBefore(Instant instant) {
    long limit = TimeUnit.SECONDS.toNanos(instant.getEpochSecond()) + instant.getNano();
    return mtimeNanos < limit && ctimeNanos < limit;
  }
}
