package dev.bgan.report;

import static dev.bgan.report.UpstreamArtifacts.MNIST_SOURCES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bgan.artifact.Artifact;
import dev.bgan.artifact.ArtifactStore;
import dev.bgan.artifact.CachePolicy;
import dev.bgan.proto.EvaluationMetrics;
import dev.bgan.proto.ReportConfig;
import dev.bgan.report.UpstreamArtifacts.ModelSettings;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/** Real test images beside the sample grids: the dataset's first grid_side^2 test images, drawn at the grids' scale. */
class RealImagesTest {
  private static final ModelSettings SETTINGS = new ModelSettings(2, 1, 100, 1000, 7, true);

  @TempDir Path tmp;

  @Test
  void theFirstTestImagesAreTiledAsTheSampleGridsAndDrawnAtTheirScale() throws Exception {
    ArtifactStore store = ArtifactStore.open(tmp.resolve("store"));
    Artifact data = UpstreamArtifacts.mnist(store, MNIST_SOURCES);
    Artifact model = UpstreamArtifacts.model(store, data, SETTINGS);
    Artifact metrics = UpstreamArtifacts.metrics(store, model, UpstreamArtifacts.evaluation(0.9, 0.9, 0.8, 2, 2));
    ParsedReport page = ParsedReport.of(new ReportStage().run(store, List.of(metrics.id()),
        ReportConfig.getDefaultInstance(), CachePolicy.REUSE).artifact());

    List<Element> grids = page.select("//img[contains(@class, 'grid')]");
    assertEquals(3, grids.size(), "the real images, then two generator samples");
    Element real = grids.get(0);
    assertEquals("grid real", real.getAttribute("class"));
    assertTrue(real.getAttribute("alt").startsWith("real test images 1\u201316 of " + data.id()), real.getAttribute("alt"));
    BufferedImage image = ParsedReport.image(real);
    // grid_side 4 (the metrics' params): 4 x 4 cells of 28 + 1 pixels and a 1-pixel border, as evaluate tiles.
    assertEquals(4 * 29 + 1, image.getWidth());
    assertEquals(4 * 29 + 1, image.getHeight());
    for (int i = 0; i < 16; i++) {
      // Test image i is a white bar in column i: white there in its cell, black beside it.
      int x = 1 + (i % 4) * 29;
      int y = 1 + (i / 4) * 29;
      for (int row = 0; row < 28; row += 9) {
        assertEquals(255, image.getRaster().getSample(x + i, y + row, 0), "image " + i);
        assertEquals(0, image.getRaster().getSample(x + (i + 1) % 28, y + row, 0), "image " + i);
      }
    }
    // Drawn at the sample grids' scale: each scaled by the same whole factor (360 px wide at least).
    for (Element grid : grids) {
      BufferedImage natural = ParsedReport.image(grid);
      assertEquals(4, Integer.parseInt(grid.getAttribute("width")) / natural.getWidth(), grid.getAttribute("alt"));
      assertEquals(0, Integer.parseInt(grid.getAttribute("width")) % natural.getWidth(), grid.getAttribute("alt"));
    }
  }

  @Test
  void aRunWithoutSampleGridsSaysSoAndShowsNoRealImages() throws Exception {
    ArtifactStore store = ArtifactStore.open(tmp.resolve("store"));
    Artifact data = UpstreamArtifacts.mnist(store, MNIST_SOURCES);
    Artifact model = UpstreamArtifacts.model(store, data, SETTINGS);
    EvaluationMetrics noGrids = UpstreamArtifacts.evaluation(0.9, 0.9, 0.8, 2, 0);
    Artifact metrics = UpstreamArtifacts.metrics(store, model, noGrids);
    ParsedReport page = ParsedReport.of(new ReportStage().run(store, List.of(metrics.id()),
        ReportConfig.getDefaultInstance(), CachePolicy.REUSE).artifact());

    assertTrue(page.select("//img[contains(@class, 'grid')]").isEmpty());
    assertEquals(List.of("No sample grids: evaluated without the grid metric."),
        page.texts("//section[@class='run']/p[@class='note']"));
  }
}
