package dev.bgan.prepare.stage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bgan.artifact.ArtifactStore;
import dev.bgan.artifact.CachePolicy;
import dev.bgan.common.BadInputException;
import dev.bgan.dataset.DatasetArtifacts;
import dev.bgan.dataset.PointSplit;
import dev.bgan.prepare.synthetic.SyntheticClusters;
import dev.bgan.proto.DatasetSummary;
import dev.bgan.stage.StageCall;
import dev.bgan.testing.StoreAssertions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code prepare synthetic} through the stage runner: point records, parameters in the cache key. */
class PrepareSyntheticTest {
  @TempDir Path storeDir;

  @Test
  void pointsRoundTripThroughShards() throws IOException {
    ArtifactStore store = ArtifactStore.open(storeDir);
    ArtifactStore.Produced produced = new PrepareRunner().run(call(store, Map.of("num_shards", "3"),
        Map.of("dataset", "synthetic", "num_points", "300", "num_clusters", "3", "x_dim", "7", "seed", "42")));
    DatasetSummary summary = produced.artifact().manifest().getDataset();
    assertEquals(DatasetSummary.Kind.POINTS, summary.getKind());
    assertEquals(7, summary.getPointDimension());
    assertEquals(3, summary.getNumClasses());
    assertEquals(3, summary.getSplits(0).getShardFilesCount());
    assertEquals(Map.of("dataset", "synthetic", "num_shards", "3", "num_points", "300", "num_clusters", "3",
        "x_dim", "7", "seed", "42"), produced.artifact().manifest().getParamsMap());

    PointSplit train = DatasetArtifacts.loadPoints(produced.artifact(), "train");
    SyntheticClusters expected = SyntheticClusters.generate(300, 3, 7, 42);
    assertEquals(300, train.size());
    assertArrayEquals(expected.labels(), train.labels());
    for (int i = 0; i < 300; i++) {
      assertArrayEquals(expected.point(i), train.rows(new int[] {i}), 0f);
    }
    assertTrue(DatasetArtifacts.isPoints(produced.artifact()));
    assertThrows(BadInputException.class, () -> DatasetArtifacts.loadSplit(produced.artifact(), "train"));

    ArtifactStore.Produced again = new PrepareRunner().run(call(store, Map.of("num_shards", "3"),
        Map.of("dataset", "synthetic", "num_points", "300", "num_clusters", "3", "x_dim", "7", "seed", "42")));
    assertTrue(again.cached());
    ArtifactStore.Produced otherSeed = new PrepareRunner().run(call(store, Map.of("num_shards", "3"),
        Map.of("dataset", "synthetic", "num_points", "300", "num_clusters", "3", "x_dim", "7", "seed", "43")));
    assertNotEquals(produced.artifact().id(), otherSeed.artifact().id());
  }

  @Test
  void badParametersPublishNothing() {
    ArtifactStore store = ArtifactStore.open(storeDir);
    BadInputException e = assertThrows(BadInputException.class, () -> new PrepareRunner().run(call(store,
        Map.of(), Map.of("dataset", "synthetic", "num_points", "1001"))));
    assertEquals("parameter num_points: must be a positive multiple of num_clusters (10) (got 1001)", e.getMessage());
    assertEquals("parameter x_dim: must be a whole number (got ten)", assertThrows(BadInputException.class,
        () -> new PrepareRunner().run(call(store, Map.of(), Map.of("dataset", "synthetic", "x_dim", "ten"))))
        .getMessage());
    assertThrows(BadInputException.class, () -> new PrepareRunner().run(call(store, Map.of(),
        Map.of("dataset", "synthetic", "source", storeDir.toString()))));
    StoreAssertions.assertNothingPublished(store);
  }

  private static StageCall call(ArtifactStore store, Map<String, String> params, Map<String, String> options) {
    return new StageCall(store, params, Map.of(), options, CachePolicy.REUSE);
  }
}
