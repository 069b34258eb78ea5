package dev.bgan.prepare.svhn;

import dev.bgan.common.BadInputException;
import dev.bgan.prepare.OriginFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a verified copy of the SVHN files in a directory of the store: files already there with
 * the expected MD5 are reused, the others are downloaded. {@code extra_32x32.mat} (1.3 GB) is
 * fetched only for a dataset that uses it.
 */
public final class SvhnSources {
  private static final Logger LOG = LoggerFactory.getLogger(SvhnSources.class);

  private final SvhnDownload download;

  public SvhnSources(SvhnDownload download) {
    this.download = download;
  }

  /** The mirrors of {@link SvhnDownload#fromSystemProperties()}. */
  public static SvhnSources standard() {
    return new SvhnSources(SvhnDownload.fromSystemProperties());
  }

  /** The files of {@link SvhnFiles#names} in {@code dir}, fetching those that are missing or do not verify. */
  public SvhnFiles obtain(Path dir, boolean withExtra) {
    Map<String, String> origins = new LinkedHashMap<>();
    for (String name : SvhnFiles.names(withExtra)) {
      Path file = dir.resolve(name);
      if (verifiedCopy(name, file)) {
        origins.put(name, OriginFile.recorded(file));
        continue;
      }
      try {
        origins.put(name, OriginFile.remember(file, download.download(name, dir)));
      } catch (IOException e) {
        throw new BadInputException("SVHN could not be obtained: " + e.getMessage(), e);
      }
    }
    return SvhnFiles.locate(dir).withOrigins(origins);
  }

  /** Whether {@code file} exists with the expected content; one that does not is removed, to be replaced. */
  private boolean verifiedCopy(String name, Path file) {
    if (!Files.isRegularFile(file)) {
      return false;
    }
    try {
      download.requireExpectedContent(name, file);
      return true;
    } catch (IOException e) {
      LOG.warn("{}: {}; replacing it", file, e.getMessage());
    }
    try {
      Files.delete(file);
    } catch (IOException e) {
      throw BadInputException.inFile(file, "does not verify and cannot be removed (" + e.getMessage() + ")");
    }
    return false;
  }
}
