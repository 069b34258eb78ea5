package dev.bgan.prepare;

import dev.bgan.common.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads the gzip-compressed MNIST files from the standard mirrors, trying them in order. A
 * download goes to a temporary name, is accepted only if its decompressed content has the
 * published SHA-256, and is then renamed into place atomically, so a failed or killed download
 * leaves nothing that looks like a file.
 */
public final class MnistDownload {
  /** Comma-separated base URLs that replace the standard mirrors, e.g. for a local copy. */
  public static final String MIRRORS_PROPERTY = "bgan.mnist.mirrors";
  public static final List<URI> STANDARD_MIRRORS = List.of(
      URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/"),
      URI.create("https://storage.googleapis.com/cvdf-datasets/mnist/"),
      URI.create("http://yann.lecun.com/exdb/mnist/"));

  private static final Logger LOG = LoggerFactory.getLogger(MnistDownload.class);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  /** Until the response headers arrive; the body may take as long as it takes. */
  private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(60);

  private final List<URI> mirrors;
  private final HttpClient client;

  /** Base URLs, each ending in '/', to which a file name + ".gz" is appended. */
  public MnistDownload(List<URI> mirrors) {
    if (mirrors.isEmpty()) {
      throw new IllegalArgumentException("at least one MNIST mirror is needed");
    }
    this.mirrors = mirrors.stream().map(MnistDownload::asDirectory).toList();
    this.client = HttpClient.newBuilder()
        .connectTimeout(CONNECT_TIMEOUT)
        .followRedirects(HttpClient.Redirect.NORMAL)
        .proxy(ProxySelector.getDefault())
        .build();
  }

  /** The mirrors named by {@value #MIRRORS_PROPERTY}, or the standard ones. */
  public static MnistDownload fromSystemProperties() {
    String property = System.getProperty(MIRRORS_PROPERTY, "").trim();
    if (property.isEmpty()) {
      return new MnistDownload(STANDARD_MIRRORS);
    }
    try {
      return new MnistDownload(Arrays.stream(property.split(","))
          .map(String::trim)
          .filter(s -> !s.isEmpty())
          .map(URI::create)
          .toList());
    } catch (IllegalArgumentException e) {
      throw BadInputException.inParameter(MIRRORS_PROPERTY, property, "must be comma-separated URLs");
    }
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
    String expected = MnistFiles.RAW_SHA256.get(name);
    if (expected == null) {
      throw new IllegalArgumentException("not an MNIST file name: " + name);
    }
    Files.createDirectories(dir);
    Path target = dir.resolve(name + MnistFiles.GZ);
    List<String> failures = new ArrayList<>();
    for (URI mirror : mirrors) {
      URI url = mirror.resolve(name + MnistFiles.GZ);
      Path partial = dir.resolve(name + MnistFiles.GZ + ".part-" + UUID.randomUUID());
      try {
        LOG.info("Downloading {}", url);
        fetch(url, partial);
        String actual = contentSha256(partial);
        if (!actual.equals(expected)) {
          throw new IOException("SHA-256 of the decompressed content is " + actual + ", expected " + expected);
        }
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return url.toString();
      } catch (IOException e) {
        LOG.info("{}: {}", url, describe(e));
        failures.add(url + ": " + describe(e));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while downloading " + url, e);
      } finally {
        Files.deleteIfExists(partial);
      }
    }
    throw new IOException(name + MnistFiles.GZ + " could not be downloaded: " + String.join("; ", failures));
  }

  private void fetch(URI url, Path partial) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(url).timeout(RESPONSE_TIMEOUT).GET().build();
    HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream body = response.body()) {
      if (response.statusCode() != 200) {
        throw new IOException("HTTP " + response.statusCode());
      }
      Files.copy(body, partial, StandardCopyOption.REPLACE_EXISTING);
    }
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

  /** The message, preceded by the exception's type where that says something (ConnectException...). */
  private static String describe(IOException e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    if (e.getClass() == IOException.class) {
      return message;
    }
    return message.isBlank() ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + message;
  }

  private static URI asDirectory(URI base) {
    String text = base.toString();
    return text.endsWith("/") ? base : URI.create(text + "/");
  }
}
