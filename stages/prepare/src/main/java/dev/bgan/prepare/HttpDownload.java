package dev.bgan.prepare;

import dev.bgan.common.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads one file from the first of several URLs that serves it with the expected content. A
 * download goes to {@code <target>.part} beside the target, is accepted only if its content passes
 * the caller's check, and is then renamed into place atomically, so a failed or killed download
 * leaves nothing that looks like the file, and an interrupted one resumes where it stopped. Proxies are those of the JVM's default {@link ProxySelector}.
 */
public final class HttpDownload {
  private static final Logger LOG = LoggerFactory.getLogger(HttpDownload.class);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  /** Until the response headers arrive; the body may take as long as it takes. */
  private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(60);

  /** The time limits of one request, for messages: "10 s to connect, 60 s to answer". */
  public static String limits() {
    return CONNECT_TIMEOUT.toSeconds() + " s to connect, " + RESPONSE_TIMEOUT.toSeconds() + " s to answer";
  }

  private final HttpClient client = HttpClient.newBuilder()
      .connectTimeout(CONNECT_TIMEOUT)
      .followRedirects(HttpClient.Redirect.NORMAL)
      .proxy(ProxySelector.getDefault())
      .build();

  /** Checks a downloaded file's content; throws saying what is wrong with it. */
  @FunctionalInterface
  public interface ContentCheck {
    void verify(Path file) throws IOException;
  }

  /**
   * The URLs named, comma-separated, by the system property {@code property}, or {@code standard}
   * when it is unset or blank.
   */
  public static List<URI> urlsFromProperty(String property, List<URI> standard) {
    String value = System.getProperty(property, "").trim();
    if (value.isEmpty()) {
      return standard;
    }
    try {
      return Arrays.stream(value.split(","))
          .map(String::trim)
          .filter(s -> !s.isEmpty())
          .map(URI::create)
          .toList();
    } catch (IllegalArgumentException e) {
      throw BadInputException.inParameter(property, value, "must be comma-separated URLs");
    }
  }

  /**
   * {@code bases} as directories, a missing trailing '/' added, so that a file name resolves
   * inside each (see {@link #fileIn}).
   *
   * @throws IllegalArgumentException when there is none
   */
  public static List<URI> mirrorDirectories(List<URI> bases, String what) {
    if (bases.isEmpty()) {
      throw new IllegalArgumentException("at least one " + what + " is needed");
    }
    return bases.stream().map(HttpDownload::asDirectory).toList();
  }

  /** The URL of {@code fileName} in each of {@code mirrors} (directories, see {@link #mirrorDirectories}). */
  public static List<URI> fileIn(List<URI> mirrors, String fileName) {
    return mirrors.stream().map(mirror -> mirror.resolve(fileName)).toList();
  }

  /** A check that the file's MD5 is {@code expected} (lower-case hex), saying what it is otherwise. */
  public static ContentCheck md5Is(String expected) {
    return file -> {
      String actual = md5(file);
      if (!actual.equals(expected)) {
        throw new IOException("MD5 is " + actual + ", expected " + expected);
      }
    };
  }

  /** The MD5 of {@code file}, lower-case hex: the checksum SVHN and CIFAR-10 publish. */
  public static String md5(Path file) throws IOException {
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

  /**
   * Downloads into {@code target} from the first of {@code urls} whose content passes
   * {@code check}, and returns that URL. Bytes arrive in {@code <target>.part}; a download cut short
   * (network error, kill) leaves them there, and the next attempt asks only for the rest (an HTTP
   * range request) where the server supports it. A part whose content fails the check is deleted.
   * Processes downloading the same target take turns.
   *
   * @throws IOException when none did, saying what went wrong with each
   */
  public URI download(List<URI> urls, Path target, ContentCheck check) throws IOException {
    Files.createDirectories(target.getParent());
    Path partial = target.resolveSibling(target.getFileName() + ".part");
    Path lockFile = target.resolveSibling(target.getFileName() + ".lock");
    try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.lock()) {
      List<String> failures = new ArrayList<>();
      for (URI url : urls) {
        try {
          fetch(url, partial);
        } catch (IOException e) {
          LOG.info("{}: {}", url, describe(e));
          failures.add(url + ": " + describe(e));
          continue;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while downloading " + url, e);
        }
        try {
          check.verify(partial);
        } catch (IOException e) {
          Files.deleteIfExists(partial);
          LOG.info("{}: {}", url, describe(e));
          failures.add(url + ": " + describe(e));
          continue;
        }
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return url;
      }
      throw new IOException(target.getFileName() + " could not be downloaded: " + String.join("; ", failures));
    } finally {
      // Deleting the lock file while holding its lock is safe on POSIX; a waiting process then finds the target.
      Files.deleteIfExists(lockFile);
    }
  }

  /** Fetches {@code url} into {@code partial}, continuing after the bytes already there if the server allows. */
  private void fetch(URI url, Path partial) throws IOException, InterruptedException {
    long have = Files.exists(partial) ? Files.size(partial) : 0;
    HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(RESPONSE_TIMEOUT).GET();
    if (have > 0) {
      request.header("Range", "bytes=" + have + "-");
    }
    HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream body = response.body()) {
      int status = response.statusCode();
      if (status == 206 && have > 0 && continuesAt(response, have)) {
        LOG.info("Resuming {} after byte {}", url, have);
        try (OutputStream out = Files.newOutputStream(partial, StandardOpenOption.APPEND)) {
          body.transferTo(out);
        }
      } else if (status == 416 && have > 0) {
        // Nothing after the bytes we hold: the part is complete (the check decides whether it is right).
        LOG.info("{}: the part already holds all {} bytes", url, have);
      } else if (status == 200) {
        LOG.info("Downloading {}", url);
        Files.copy(body, partial, StandardCopyOption.REPLACE_EXISTING);
      } else {
        throw new IOException("HTTP " + status);
      }
    }
  }

  /** Whether a 206 response's Content-Range starts where the part ends. */
  private static boolean continuesAt(HttpResponse<?> response, long offset) {
    return response.headers().firstValue("Content-Range")
        .map(range -> range.trim().startsWith("bytes " + offset + "-"))
        .orElse(false);
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
