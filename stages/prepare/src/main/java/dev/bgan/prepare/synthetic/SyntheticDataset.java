package dev.bgan.prepare.synthetic;

import dev.bgan.dataset.PointRecord;
import dev.bgan.prepare.DatasetSource;
import dev.bgan.prepare.RecordRangeReader;
import dev.bgan.proto.DatasetSummary;
import dev.bgan.proto.SourceFile;
import dev.bgan.proto.SplitSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The bgan_synth data as a dataset source: one split, {@code train}, of {@code num_points} points
 * of dimension {@code x_dim}, labeled by cluster. Nothing is read from disk: the generation
 * parameters are the whole of what the records depend on.
 */
public final class SyntheticDataset implements DatasetSource {
  public static final String NAME = "synthetic";
  public static final String SPLIT = "train";
  /** The reference's sizes and seed. */
  public static final int DEFAULT_NUM_POINTS = 10_000;
  public static final int DEFAULT_NUM_CLUSTERS = 10;
  public static final int DEFAULT_X_DIM = 100;
  public static final long DEFAULT_SEED = 1234;

  private final int numPoints;
  private final int numClusters;
  private final int xDim;
  private final long seed;

  private SyntheticDataset(int numPoints, int numClusters, int xDim, long seed) {
    this.numPoints = numPoints;
    this.numClusters = numClusters;
    this.xDim = xDim;
    this.seed = seed;
  }

  /** Validates the parameters (by generating once) and returns the source. */
  public static SyntheticDataset of(int numPoints, int numClusters, int xDim, long seed) {
    SyntheticClusters.generate(numPoints, numClusters, xDim, seed);
    return new SyntheticDataset(numPoints, numClusters, xDim, seed);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<SourceFile> sourceFiles() {
    return List.of();
  }

  @Override
  public Map<String, String> generationParams() {
    return Map.of("num_points", String.valueOf(numPoints), "num_clusters", String.valueOf(numClusters),
        "x_dim", String.valueOf(xDim), "seed", String.valueOf(seed));
  }

  @Override
  public DatasetSummary summary() {
    SplitSummary.Builder split = SplitSummary.newBuilder().setName(SPLIT).setCount(numPoints);
    for (int c = 0; c < numClusters; c++) {
      split.addClassHistogram(numPoints / numClusters);
    }
    DatasetSummary.Builder summary = DatasetSummary.newBuilder()
        .setName(NAME)
        .setKind(DatasetSummary.Kind.POINTS)
        .setPointDimension(xDim)
        .setNumClasses(numClusters)
        .addSplits(split);
    for (int c = 0; c < numClusters; c++) {
      summary.addClassNames("cluster " + c);
    }
    return summary.build();
  }

  @Override
  public RecordRangeReader reader(String split) {
    if (!split.equals(SPLIT)) {
      throw new IllegalArgumentException("the synthetic dataset has only the split " + SPLIT + ", not " + split);
    }
    int n = numPoints;
    int k = numClusters;
    int dim = xDim;
    long s = seed;
    // Each shard's worker regenerates the points (milliseconds) rather than receiving them.
    return (start, end) -> {
      SyntheticClusters clusters = SyntheticClusters.generate(n, k, dim, s);
      List<PointRecord> records = new ArrayList<>();
      for (long i = start; i < end; i++) {
        records.add(new PointRecord(i, clusters.labels()[(int) i], clusters.point((int) i)));
      }
      return records;
    };
  }
}
