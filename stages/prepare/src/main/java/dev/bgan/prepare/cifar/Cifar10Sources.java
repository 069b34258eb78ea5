package dev.bgan.prepare.cifar;

import dev.bgan.common.BadInputException;
import dev.bgan.common.FileTrees;
import dev.bgan.prepare.OriginFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a verified copy of the CIFAR-10 archive in a directory of the store, unpacked beside it:
 * an archive already there with the expected MD5 is reused, otherwise it is downloaded. Next to
 * the archive a {@code .origin} file remembers the URL it came from, for the manifest.
 */
public final class Cifar10Sources {
  private static final Logger LOG = LoggerFactory.getLogger(Cifar10Sources.class);

  private final Cifar10Download download;

  public Cifar10Sources(Cifar10Download download) {
    this.download = download;
  }

  /** The URLs of {@link Cifar10Download#fromSystemProperties()}. */
  public static Cifar10Sources standard() {
    return new Cifar10Sources(Cifar10Download.fromSystemProperties());
  }

  /** The seven files, unpacked in {@code dir} from a verified archive, downloaded first if need be. */
  public Cifar10Files obtain(Path dir) {
    Path archive = dir.resolve(Cifar10Files.ARCHIVE);
    try {
      if (download.verifies(archive)) {
        return Cifar10Files.locate(dir).withArchiveOrigin(OriginFile.recorded(archive));
      }
      if (Files.exists(archive)) {
        LOG.warn("{}: not the expected MD5; downloading it again", archive);
      }
      // Whatever was unpacked before came from another archive, or from none.
      FileTrees.deleteRecursively(dir.resolve(Cifar10Files.FOLDER));
      String origin = OriginFile.remember(archive, download.download(dir));
      return Cifar10Files.locate(dir).withArchiveOrigin(origin);
    } catch (IOException e) {
      throw new BadInputException("CIFAR-10 could not be obtained: " + e.getMessage(), e);
    }
  }
}
