package dev.bgan.pipelines.prepare;

import dev.bgan.artifact.ArtifactStore;
import dev.bgan.common.BadInputException;
import dev.bgan.prepare.synthetic.SyntheticDataset;
import java.io.IOException;

/**
 * {@code prepare synthetic}: the bgan_synth points, generated from their parameters (no raw files),
 * written as point records by the same pipeline as every dataset.
 */
public final class PrepareSynthetic {
  private final int numPoints;
  private final int numClusters;
  private final int xDim;
  private final long seed;

  public PrepareSynthetic(int numPoints, int numClusters, int xDim, long seed) {
    this.numPoints = numPoints;
    this.numClusters = numClusters;
    this.xDim = xDim;
    this.seed = seed;
  }

  public ArtifactStore.Produced run(ArtifactStore store, PrepareRequest request) throws IOException {
    if (request.sourceDir().isPresent() || request.download()) {
      throw new BadInputException("the synthetic dataset is generated: it takes no --source and no --download");
    }
    SyntheticDataset source = SyntheticDataset.of(numPoints, numClusters, xDim, seed);
    return PrepareDataset.run(store, source, request.config(source.name()), request.policy(), request.runner());
  }
}
