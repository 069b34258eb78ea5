package dev.bgan.prepare;

import dev.bgan.common.BadInputException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Downloads the gzip-compressed MNIST (or Fashion-MNIST) files from the standard mirrors, trying
 * them in order. A download is accepted only if its decompressed content has the known SHA-256 (see
 * {@link HttpDownload} for the temporary name and the atomic rename).
 */
public final class MnistDownload {
  /** Comma-separated base URLs that replace the standard mirrors, e.g. for a local copy. */
  public static final String MIRRORS_PROPERTY = "bgan.mnist.mirrors";
  public static final List<URI> STANDARD_MIRRORS = List.of(
      URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/"),
      URI.create("https://storage.googleapis.com/cvdf-datasets/mnist/"),
      URI.create("http://yann.lecun.com/exdb/mnist/"));

  private final List<URI> mirrors;
  private final Map<String, String> rawSha256;
  private final HttpDownload http = new HttpDownload();

  /** MNIST from base URLs, each ending in '/', to which a file name + ".gz" is appended. */
  public MnistDownload(List<URI> mirrors) {
    this(mirrors, MnistFiles.RAW_SHA256);
  }

  /** Files with the canonical MNIST names whose decompressed content has {@code rawSha256} by name. */
  public MnistDownload(List<URI> mirrors, Map<String, String> rawSha256) {
    this.mirrors = HttpDownload.mirrorDirectories(mirrors, "MNIST mirror");
    this.rawSha256 = Map.copyOf(rawSha256);
  }

  /** The mirrors named by {@value #MIRRORS_PROPERTY}, or the standard ones. */
  public static MnistDownload fromSystemProperties() {
    return new MnistDownload(HttpDownload.urlsFromProperty(MIRRORS_PROPERTY, STANDARD_MIRRORS));
  }

  public List<URI> mirrors() {
    return mirrors;
  }

  /**
   * Downloads {@code name}.gz (a canonical MNIST name) into {@code dir} from the first mirror that
   * serves it with the right content, and returns the URL it came from.
   *
   * @throws IOException when no mirror did, saying what went wrong with each
   */
  public String download(String name, Path dir) throws IOException {
    String expected = rawSha256.get(name);
    if (expected == null) {
      throw new IllegalArgumentException("not an MNIST file name: " + name);
    }
    String fileName = name + MnistFiles.GZ;
    return http.download(HttpDownload.fileIn(mirrors, fileName), dir.resolve(fileName), file -> {
      String actual = contentSha256(file);
      if (!actual.equals(expected)) {
        throw new IOException("SHA-256 of the decompressed content is " + actual + ", expected " + expected);
      }
    }).toString();
  }

  /** A download whose gzip stream is corrupt is a bad download, not a user error. */
  private static String contentSha256(Path file) throws IOException {
    try {
      return IdxFile.contentSha256(file);
    } catch (BadInputException e) {
      // The message names the temporary file; what matters is what was wrong with the content.
      String prefix = file + ": ";
      String message = e.getMessage();
      throw new IOException(message.startsWith(prefix) ? message.substring(prefix.length()) : message, e);
    }
  }
}
