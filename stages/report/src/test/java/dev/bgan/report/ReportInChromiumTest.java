package dev.bgan.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bgan.artifact.Artifact;
import dev.bgan.artifact.ArtifactStore;
import dev.bgan.artifact.CachePolicy;
import dev.bgan.proto.ReportConfig;
import dev.bgan.report.UpstreamArtifacts.ModelSettings;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report as a browser shows it: Debian's headless Chromium loads the page without a console
 * error, finds the tables, and decodes every image; a screenshot shows content. Skipped only where
 * chromium is not installed (CI installs it).
 */
class ReportInChromiumTest {
  /** Written into a copy of the page (never into the report): the DOM dump then carries the browser's own checks. */
  private static final String CHECK = """
      <script>
      window.addEventListener('load', () => {
        const images = Array.from(document.images);
        const decoded = images.filter(i => i.complete && i.naturalWidth > 0 && i.naturalHeight > 0).length;
        const marker = document.createElement('p');
        marker.id = 'browser-check';
        marker.textContent = 'images=' + images.length + ' decoded=' + decoded
            + ' tables=' + document.querySelectorAll('table').length
            + ' results-cells=' + document.querySelectorAll('#results td[data-mean]').length;
        document.body.appendChild(marker);
      });
      </script>
      """;

  @TempDir Path tmp;
  private Artifact report;

  @BeforeEach
  void report() throws Exception {
    Assumptions.assumeTrue(HeadlessChromium.available(), "Debian's chromium is not installed (" + HeadlessChromium.BINARY + ")");
    ArtifactStore store = ArtifactStore.open(tmp.resolve("store"));
    Artifact data = UpstreamArtifacts.mnist(store);
    List<String> metrics = new ArrayList<>();
    int[] seeds = {1, 2, 3};
    for (int i = 0; i < seeds.length; i++) {
      for (int numz : new int[] {1, 2}) {
        Artifact model = UpstreamArtifacts.model(store, data, new ModelSettings(numz, 2, 100, 1000, seeds[i], true));
        metrics.add(UpstreamArtifacts.metrics(store, model,
            UpstreamArtifacts.evaluation(0.90 + 0.01 * i + 0.02 * numz, 0.95, 0.80 + 0.01 * i, 2, 2)).id());
      }
    }
    report = new ReportStage().run(store, metrics, ReportConfig.newBuilder().setTitle("Chromium check").build(),
        CachePolicy.REUSE).artifact();
  }

  @Test
  void rendersWithoutConsoleErrorsWithEveryTableAndImage() throws Exception {
    String html = Files.readString(report.file(ReportStage.REPORT_FILE), StandardCharsets.UTF_8);
    // Self-contained: nothing the browser would fetch from elsewhere.
    Matcher external = Pattern.compile("(?i)(src|href)\\s*=\\s*\"(?!data:|#)[^\"]*\"|url\\(").matcher(html);
    assertFalse(external.find(), () -> "the page refers to something outside it: " + external.group());
    int images = count(html, "<img ");
    assertTrue(images >= 12, "charts and sample grids of 6 runs: " + images);

    Path page = tmp.resolve("checked.html");
    Files.writeString(page, html.replace("</body>", CHECK + "</body>"), StandardCharsets.UTF_8);
    HeadlessChromium.Result dom = HeadlessChromium.dumpDom(page, Files.createDirectories(tmp.resolve("profile-dom")));
    assertEquals(0, dom.exitCode(), dom.err());
    assertNoConsoleMessage(dom);
    assertTrue(dom.out().contains("<p id=\"browser-check\">images=" + images + " decoded=" + images
        + " tables=" + count(html, "<table") + " results-cells=3</p>"), "browser check: "
        + dom.out().substring(Math.max(0, dom.out().indexOf("browser-check") - 10)));
    assertTrue(dom.out().contains("Chromium check</h1>"));
  }

  @Test
  void screenshotShowsThePage() throws Exception {
    Path png = tmp.resolve("report.png");
    HeadlessChromium.Result shot = HeadlessChromium.screenshot(report.file(ReportStage.REPORT_FILE), png, 1200, 1600,
        Files.createDirectories(tmp.resolve("profile-shot")));
    assertEquals(0, shot.exitCode(), shot.err());
    assertNoConsoleMessage(shot);
    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(1200, image.getWidth());
    assertEquals(1600, image.getHeight());
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 4) {
      for (int x = 0; x < image.getWidth(); x += 4) {
        colours.add(image.getRGB(x, y));
      }
    }
    // Text, table borders and charts: a blank or error page has a handful of colours.
    assertTrue(colours.size() > 50, "colours in the screenshot: " + colours.size());
  }

  @Test
  void theChecksSeeABrokenImageAndAScriptError() throws Exception {
    // The same checks on a page that should fail them: they must be able to fail.
    Path page = tmp.resolve("broken.html");
    Files.writeString(page, "<!DOCTYPE html><html><body><table></table><img src=\"data:image/png;base64,AAAA\"/>"
        + "<script>undefinedFunction();</script>" + CHECK + "</body></html>", StandardCharsets.UTF_8);
    HeadlessChromium.Result dom = HeadlessChromium.dumpDom(page, Files.createDirectories(tmp.resolve("profile-broken")));
    assertTrue(dom.err().contains("Uncaught ReferenceError: undefinedFunction is not defined"), dom.err());
    assertTrue(dom.out().contains("<p id=\"browser-check\">images=1 decoded=0 tables=1 results-cells=0</p>"), dom.out());
  }

  /**
   * Debian's chromium (156) logs every console message, errors included, as {@code INFO:CONSOLE(line)};
   * the page has no script of its own and the check script logs nothing, so any console line (an
   * uncaught exception, a refused load) is a failure.
   */
  private static void assertNoConsoleMessage(HeadlessChromium.Result result) {
    assertFalse(result.err().contains("Uncaught") || result.err().contains(":CONSOLE"), result.err());
  }

  private static int count(String text, String what) {
    int n = 0;
    for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }
}
