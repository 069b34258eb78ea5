package dev.bgan.prepare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bgan.common.BadInputException;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** URLs from a system property; the downloads themselves are tested through MNIST's and CIFAR-10's. */
class HttpDownloadTest {
  private static final String PROPERTY = "bgan.test.urls";
  private static final List<URI> STANDARD = List.of(URI.create("https://example.org/a"));

  @AfterEach
  void clearProperty() {
    System.clearProperty(PROPERTY);
  }

  @Test
  void theStandardUrlsUnlessThePropertyNamesOthers() {
    assertEquals(STANDARD, HttpDownload.urlsFromProperty(PROPERTY, STANDARD));
    System.setProperty(PROPERTY, "  ");
    assertEquals(STANDARD, HttpDownload.urlsFromProperty(PROPERTY, STANDARD));
    System.setProperty(PROPERTY, "http://127.0.0.1:1/a.tgz, ,http://127.0.0.1:2/b/");
    assertEquals(List.of(URI.create("http://127.0.0.1:1/a.tgz"), URI.create("http://127.0.0.1:2/b/")),
        HttpDownload.urlsFromProperty(PROPERTY, STANDARD));
  }

  @Test
  void aPropertyThatIsNoUrlIsOneLine() {
    System.setProperty(PROPERTY, "http://a b");
    BadInputException e = assertThrows(BadInputException.class, () -> HttpDownload.urlsFromProperty(PROPERTY, STANDARD));
    assertEquals("parameter bgan.test.urls: must be comma-separated URLs (got http://a b)", e.getMessage());
  }
}
