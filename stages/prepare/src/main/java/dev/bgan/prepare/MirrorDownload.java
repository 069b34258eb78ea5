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
 * Downloads a raw dataset file from a list of mirrors, trying them in order. A download goes to a
 * temporary name, is accepted only if its content passes the dataset's check (a published hash),
 * and is then renamed into place atomically, so a failed or killed download leaves nothing that
 * looks like a file.
 */
public final class MirrorDownload {
  private static final Logger LOG = LoggerFactory.getLogger(MirrorDownload.class);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  /** Until the response headers arrive; the body may take as long as it takes. */
  private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(60);

  /** Says what is wrong with a downloaded file's content by throwing; returns when it is right. */
  @FunctionalInterface
  public interface ContentCheck {
    void check(Path downloaded) throws IOException;
  }

  private final List<URI> mirrors;
  private final HttpClient client;

  /** Base URLs to which a file name is appended; a missing trailing '/' is added. */
  public MirrorDownload(List<URI> mirrors) {
    if (mirrors.isEmpty()) {
      throw new IllegalArgumentException("at least one mirror is needed");
    }
    this.mirrors = mirrors.stream().map(MirrorDownload::asDirectory).toList();
    this.client = HttpClient.newBuilder()
        .connectTimeout(CONNECT_TIMEOUT)
        .followRedirects(HttpClient.Redirect.NORMAL)
        .proxy(ProxySelector.getDefault())
        .build();
  }

  /** The comma-separated base URLs of the system property {@code property}, or {@code standard}. */
  public static MirrorDownload fromSystemProperty(String property, List<URI> standard) {
    String value = System.getProperty(property, "").trim();
    if (value.isEmpty()) {
      return new MirrorDownload(standard);
    }
    try {
      return new MirrorDownload(Arrays.stream(value.split(","))
          .map(String::trim)
          .filter(s -> !s.isEmpty())
          .map(URI::create)
          .toList());
    } catch (IllegalArgumentException e) {
      throw BadInputException.inParameter(property, value, "must be comma-separated URLs");
    }
  }

  public List<URI> mirrors() {
    return mirrors;
  }

  /**
   * Downloads {@code fileName} into {@code dir} from the first mirror that serves it with content
   * that passes {@code check}, and returns the URL it came from.
   *
   * @throws IOException when no mirror did, saying what went wrong with each
   */
  public String download(String fileName, Path dir, ContentCheck check) throws IOException {
    Files.createDirectories(dir);
    Path target = dir.resolve(fileName);
    List<String> failures = new ArrayList<>();
    for (URI mirror : mirrors) {
      URI url = mirror.resolve(fileName);
      Path partial = dir.resolve(fileName + ".part-" + UUID.randomUUID());
      try {
        LOG.info("Downloading {}", url);
        fetch(url, partial);
        check.check(partial);
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
    throw new IOException(fileName + " could not be downloaded: " + String.join("; ", failures));
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
