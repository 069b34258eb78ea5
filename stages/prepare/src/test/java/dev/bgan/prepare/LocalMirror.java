package dev.bgan.prepare;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP server on 127.0.0.1 that serves fixed bytes per path, honours {@code Range: bytes=N-}
 * requests (206 with a Content-Range, 416 past the end) and counts the requests.
 */
public final class LocalMirror implements AutoCloseable {
  private final HttpServer server;
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();
  private final AtomicInteger requests = new AtomicInteger();
  private final List<String> ranges = new CopyOnWriteArrayList<>();

  public LocalMirror() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", exchange -> {
      requests.incrementAndGet();
      byte[] body = files.get(exchange.getRequestURI().getPath());
      if (body == null) {
        exchange.sendResponseHeaders(404, -1);
      } else {
        String range = exchange.getRequestHeaders().getFirst("Range");
        ranges.add(range == null ? "" : range);
        int from = range != null && range.startsWith("bytes=") && range.endsWith("-")
            ? Integer.parseInt(range.substring(6, range.length() - 1)) : 0;
        if (from >= body.length && range != null) {
          exchange.sendResponseHeaders(416, -1);
        } else {
          if (range != null) {
            exchange.getResponseHeaders().add("Content-Range",
                "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
          }
          exchange.sendResponseHeaders(range == null ? 200 : 206, body.length - from);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body, from, body.length - from);
          }
        }
      }
      exchange.close();
    });
    server.start();
  }

  /** Serves {@code body} at {@code path} ("/mnist/x.gz"). */
  public LocalMirror serve(String path, byte[] body) {
    files.put(path, body);
    return this;
  }

  public URI base(String dir) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + dir);
  }

  /** The Range header of each request for a served path, "" where there was none. */
  public List<String> ranges() {
    return List.copyOf(ranges);
  }

  public int requests() {
    return requests.get();
  }

  /** A loopback address where nothing listens: connecting is refused. */
  public static URI unreachable() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/mnist/");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
