package dev.bgan.prepare.svhn;

import dev.bgan.prepare.MirrorDownload;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Downloads the SVHN .mat files from the official site, or from the mirrors named by
 * {@value #MIRRORS_PROPERTY}. A download is accepted only if it has the expected MD5 (see
 * {@link SvhnFiles#OFFICIAL_MD5}), and {@link MirrorDownload} renames it into place atomically.
 */
public final class SvhnDownload {
  /** Comma-separated base URLs that replace the official site, e.g. for a local copy. */
  public static final String MIRRORS_PROPERTY = "bgan.svhn.mirrors";
  public static final List<URI> STANDARD_MIRRORS = List.of(URI.create("http://ufldl.stanford.edu/housenumbers/"));

  private final MirrorDownload mirrors;
  private final Map<String, String> expectedMd5;

  /** Base URLs to which a file name is appended, and the MD5 each file must have, by name. */
  public SvhnDownload(List<URI> mirrors, Map<String, String> expectedMd5) {
    this(new MirrorDownload(mirrors), expectedMd5);
  }

  private SvhnDownload(MirrorDownload mirrors, Map<String, String> expectedMd5) {
    this.mirrors = mirrors;
    this.expectedMd5 = Map.copyOf(expectedMd5);
  }

  /** The mirrors named by {@value #MIRRORS_PROPERTY}, or the official site; the official MD5s. */
  public static SvhnDownload fromSystemProperties() {
    return new SvhnDownload(MirrorDownload.fromSystemProperty(MIRRORS_PROPERTY, STANDARD_MIRRORS),
        SvhnFiles.OFFICIAL_MD5);
  }

  public List<URI> mirrors() {
    return mirrors.mirrors();
  }

  /**
   * Downloads {@code name} (an SVHN file name) into {@code dir} from the first mirror that serves
   * it with the expected MD5, and returns the URL it came from.
   *
   * @throws IOException when no mirror did, saying what went wrong with each
   */
  public String download(String name, Path dir) throws IOException {
    expectedMd5(name);
    return mirrors.download(name, dir, file -> requireExpectedContent(name, file));
  }

  /** Returns when {@code file} has the MD5 expected of {@code name}; otherwise says what it has. */
  public void requireExpectedContent(String name, Path file) throws IOException {
    String expected = expectedMd5(name);
    String actual = md5(file);
    if (!actual.equals(expected)) {
      throw new IOException("MD5 is " + actual + ", expected " + expected);
    }
  }

  private String expectedMd5(String name) {
    String md5 = expectedMd5.get(name);
    if (md5 == null) {
      throw new IllegalArgumentException("no MD5 known for " + name + " (known: " + expectedMd5.keySet() + ")");
    }
    return md5;
  }

  private static String md5(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has MD5", e);
    }
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
