package dev.bgan.prepare;

import dev.bgan.common.BadInputException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where Fashion-MNIST comes from when no directory is given: the files of the Debian package
 * {@code dataset-fashion-mnist} when it is installed, or, on request, a download from Zalando's
 * location into a directory of the store, each file accepted only if its decompressed content has
 * the SHA-256 below. Zalando's gzip files and Debian's differ only in the gzip header (Debian's
 * lack the original file name, 23-24 bytes), so the content hashes hold for both.
 */
public final class FashionMnistSources {
  /** Where the Debian package puts the four .gz files. */
  public static final Path DEBIAN_DIR = Path.of("/usr/share/datasets/fashion-mnist");
  /** Comma-separated base URLs that replace the standard location, e.g. for a local copy. */
  public static final String MIRRORS_PROPERTY = "bgan.fashion-mnist.mirrors";
  public static final List<URI> STANDARD_MIRRORS =
      List.of(URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"));
  /** SHA-256 of the decompressed IDX content, computed from the Debian package's files. */
  public static final Map<String, String> RAW_SHA256 = Map.of(
      MnistFiles.TRAIN_IMAGES, "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
      MnistFiles.TRAIN_LABELS, "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
      MnistFiles.TEST_IMAGES, "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
      MnistFiles.TEST_LABELS, "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34");

  private final Path installedDir;
  private final MnistDownload download;

  public FashionMnistSources(Path installedDir, MnistDownload download) {
    this.installedDir = installedDir;
    this.download = download;
  }

  /** The Debian package's directory, and the location of {@value #MIRRORS_PROPERTY} or the standard one. */
  public static FashionMnistSources standard() {
    return new FashionMnistSources(DEBIAN_DIR,
        new MnistDownload(HttpDownload.urlsFromProperty(MIRRORS_PROPERTY, STANDARD_MIRRORS), RAW_SHA256));
  }

  /** The installed package's files, or a one-line error saying how else to give them. */
  public MnistFiles installed() {
    if (!Files.isDirectory(installedDir)) {
      throw new BadInputException("Fashion-MNIST: no --source DIR given and " + installedDir + " does not exist;"
          + " install the Debian package dataset-fashion-mnist, give --source DIR with the four IDX files"
          + " (raw or .gz), or --download");
    }
    return MnistFiles.locate(installedDir);
  }

  /** The four files in {@code dir}, downloading those that are missing or whose content does not verify. */
  public MnistFiles download(Path dir) {
    Map<String, String> origins = new LinkedHashMap<>();
    for (String name : MnistFiles.NAMES) {
      Path file = MnistFiles.find(dir, name);
      if (file != null && RAW_SHA256.get(name).equals(contentSha256OrNull(file))) {
        origins.put(name, OriginFile.recorded(dir.resolve(name), file.toAbsolutePath().toUri().toString()));
        continue;
      }
      try {
        if (file != null) {
          Files.delete(file);
        }
        origins.put(name, OriginFile.remember(dir.resolve(name), download.download(name, dir)));
      } catch (IOException e) {
        throw new BadInputException("Fashion-MNIST " + name + " could not be downloaded: " + e.getMessage(), e);
      }
    }
    return MnistFiles.locate(dir).withOrigins(origins);
  }

  private static String contentSha256OrNull(Path file) {
    try {
      return IdxFile.contentSha256(file);
    } catch (BadInputException e) {
      return null;
    }
  }
}
