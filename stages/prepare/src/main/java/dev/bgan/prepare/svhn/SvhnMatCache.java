package dev.bgan.prepare.svhn;

import dev.bgan.common.BadInputException;
import java.io.IOException;
import java.lang.ref.SoftReference;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;

/**
 * The .mat files read in this JVM, so that each is parsed once however many shard writers read a
 * range of it: a .mat file cannot be read by range (compressed, X is one zlib stream). A file is
 * known by its path, size and modification time, so a replaced file is read again. Entries are
 * soft references, which the collector clears before it runs out of memory; a dataset that is
 * being written holds its images strongly.
 */
final class SvhnMatCache {
  private static final Map<Key, SoftReference<SvhnImages>> LOADED = new HashMap<>();

  private record Key(Path file, long size, FileTime modified) {}

  private SvhnMatCache() {}

  /** The images of {@code file}, read by {@link SvhnMatReader} unless this JVM already holds them. */
  static synchronized SvhnImages images(Path file) {
    LOADED.values().removeIf(reference -> reference.get() == null);
    Key key = key(file);
    SoftReference<SvhnImages> cached = LOADED.get(key);
    SvhnImages images = cached == null ? null : cached.get();
    if (images == null) {
      images = SvhnMatReader.read(file);
      LOADED.put(key, new SoftReference<>(images));
    }
    return images;
  }

  private static Key key(Path file) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      return new Key(file.toAbsolutePath().normalize(), attributes.size(), attributes.lastModifiedTime());
    } catch (NoSuchFileException e) {
      throw BadInputException.inFile(file, "not found");
    } catch (IOException e) {
      throw BadInputException.inFile(file, "cannot read (" + e.getMessage() + ")");
    }
  }
}
