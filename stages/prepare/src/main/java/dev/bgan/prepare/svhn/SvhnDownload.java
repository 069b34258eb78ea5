package dev.bgan.prepare.svhn;

import dev.bgan.prepare.HttpDownload;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Downloads the SVHN .mat files from the official site, or from the mirrors named by
 * {@value #MIRRORS_PROPERTY}. A download is accepted only if it has the expected MD5 (see
 * {@link SvhnFiles#OFFICIAL_MD5}), and {@link HttpDownload} renames it into place atomically.
 */
public final class SvhnDownload {
  /** Comma-separated base URLs that replace the official site, e.g. for a local copy. */
  public static final String MIRRORS_PROPERTY = "bgan.svhn.mirrors";
  public static final List<URI> STANDARD_MIRRORS = List.of(URI.create("http://ufldl.stanford.edu/housenumbers/"));

  private final List<URI> mirrors;
  private final Map<String, String> expectedMd5;
  private final HttpDownload http = new HttpDownload();

  /** Base URLs to which a file name is appended, and the MD5 each file must have, by name. */
  public SvhnDownload(List<URI> mirrors, Map<String, String> expectedMd5) {
    this.mirrors = HttpDownload.mirrorDirectories(mirrors, "mirror");
    this.expectedMd5 = Map.copyOf(expectedMd5);
  }

  /** The mirrors named by {@value #MIRRORS_PROPERTY}, or the official site; the official MD5s. */
  public static SvhnDownload fromSystemProperties() {
    return new SvhnDownload(HttpDownload.urlsFromProperty(MIRRORS_PROPERTY, STANDARD_MIRRORS),
        SvhnFiles.OFFICIAL_MD5);
  }

  public List<URI> mirrors() {
    return mirrors;
  }

  /**
   * Downloads {@code name} (an SVHN file name) into {@code dir} from the first mirror that serves
   * it with the expected MD5, and returns the URL it came from.
   *
   * @throws IOException when no mirror did, saying what went wrong with each
   */
  public String download(String name, Path dir) throws IOException {
    HttpDownload.ContentCheck check = HttpDownload.md5Is(expectedMd5(name));
    return http.download(HttpDownload.fileIn(mirrors, name), dir.resolve(name), check).toString();
  }

  /** Returns when {@code file} has the MD5 expected of {@code name}; otherwise says what it has. */
  public void requireExpectedContent(String name, Path file) throws IOException {
    HttpDownload.md5Is(expectedMd5(name)).verify(file);
  }

  private String expectedMd5(String name) {
    String md5 = expectedMd5.get(name);
    if (md5 == null) {
      throw new IllegalArgumentException("no MD5 known for " + name + " (known: " + expectedMd5.keySet() + ")");
    }
    return md5;
  }
}
