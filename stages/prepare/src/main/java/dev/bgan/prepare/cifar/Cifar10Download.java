package dev.bgan.prepare.cifar;

import dev.bgan.prepare.HttpDownload;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Downloads {@code cifar-10-python.tar.gz} from its home at the University of Toronto (or the URLs
 * of {@value #URLS_PROPERTY}), accepted only with the expected MD5: the one checksum published for
 * the archive, and the one torchvision checks. No SHA-256 is published; the manifest records the
 * SHA-256 of every file unpacked from it.
 */
public final class Cifar10Download {
  /** Comma-separated URLs of the archive that replace the standard one, e.g. for a local copy. */
  public static final String URLS_PROPERTY = "bgan.cifar10.urls";
  public static final List<URI> STANDARD_URLS =
      List.of(URI.create("https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz"));
  public static final String STANDARD_MD5 = "c58f30108f718f92721af3b95e74349a";

  private final List<URI> urls;
  private final String md5;
  private final HttpDownload http = new HttpDownload();

  /** {@code urls}: where the archive is, tried in order; {@code md5}: its MD5, lower-case hex. */
  public Cifar10Download(List<URI> urls, String md5) {
    if (urls.isEmpty()) {
      throw new IllegalArgumentException("at least one URL of the CIFAR-10 archive is needed");
    }
    if (!md5.matches("[0-9a-f]{32}")) {
      throw new IllegalArgumentException("an MD5 is 32 lower-case hex digits, got " + md5);
    }
    this.urls = List.copyOf(urls);
    this.md5 = md5;
  }

  /** The URLs named by {@value #URLS_PROPERTY}, or the standard one; the official MD5 either way. */
  public static Cifar10Download fromSystemProperties() {
    return new Cifar10Download(HttpDownload.urlsFromProperty(URLS_PROPERTY, STANDARD_URLS), STANDARD_MD5);
  }

  public List<URI> urls() {
    return urls;
  }

  /** Whether {@code archive} exists and has the expected MD5. */
  public boolean verifies(Path archive) throws IOException {
    return Files.isRegularFile(archive) && HttpDownload.md5(archive).equals(md5);
  }

  /**
   * Downloads the archive into {@code dir} as {@value Cifar10Files#ARCHIVE} from the first URL that
   * serves it with the expected MD5, and returns that URL.
   *
   * @throws IOException when none did, saying what went wrong with each
   */
  public String download(Path dir) throws IOException {
    return http.download(urls, dir.resolve(Cifar10Files.ARCHIVE), HttpDownload.md5Is(md5)).toString();
  }
}
