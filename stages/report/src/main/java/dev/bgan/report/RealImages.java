package dev.bgan.report;

import dev.bgan.artifact.Artifact;
import dev.bgan.artifact.ArtifactStore;
import dev.bgan.common.BadInputException;
import dev.bgan.dataset.DatasetArtifacts;
import dev.bgan.dataset.ImageSplit;
import dev.bgan.evaluate.EvaluateStage;
import dev.bgan.evaluate.SampleGrid;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;

/**
 * The first grid_side x grid_side real test images of a run's dataset, tiled by evaluate's own
 * {@link SampleGrid}: the same cell and gutter as the sample grids, so the page draws both at one
 * scale and a reader compares like with like. One grid per dataset and side: a sweep's runs share it.
 */
final class RealImages {
  private final ArtifactStore store;
  private final Map<String, EvaluatedModel.SampleGrid> grids = new HashMap<>();

  RealImages(ArtifactStore store) {
    this.store = store;
  }

  /**
   * The real grid beside the sample grids of {@code metrics}; empty when it has none (no grid metric,
   * points) or when its dataset is not in this store (a store holding models and metrics only, or
   * one whose datasets were collected): the samples are still worth a page.
   */
  Optional<EvaluatedModel.SampleGrid> beside(Artifact metrics, Artifact model) throws IOException {
    if (metrics.manifest().getFilesList().stream().noneMatch(f -> f.getPath().startsWith("grids/generator-"))) {
      return Optional.empty();
    }
    String dataId = model.manifest().getInputsList().stream().filter(in -> in.getRole().equals("data"))
        .map(in -> in.getId()).findFirst()
        .orElseThrow(() -> new BadInputException("model artifact " + model.id() + " names no data input"));
    int side = Integer.parseInt(metrics.manifest().getParamsOrDefault("grid_side",
        Integer.toString(EvaluateStage.defaults().getGridSide())));
    if (store.find(dataId).isEmpty()) {
      return Optional.empty();
    }
    String key = dataId + "/" + side;
    EvaluatedModel.SampleGrid grid = grids.get(key);
    if (grid == null) {
      grid = tile(store.require(dataId, "dataset"), side);
      grids.put(key, grid);
    }
    return Optional.of(grid);
  }

  private static EvaluatedModel.SampleGrid tile(Artifact data, int side) throws IOException {
    ImageSplit test = DatasetArtifacts.loadSplit(data, "test");
    int count = Math.min(side * side, test.size());
    float[] images = test.chwScaled(IntStream.range(0, count).toArray());
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ImageIO.write(SampleGrid.tile(images, count, test.channels(), test.height(), test.width(), side, side), "png", png);
    return new EvaluatedModel.SampleGrid("real test images 1\u2013" + count + " of " + data.id(), png.toByteArray());
  }
}
