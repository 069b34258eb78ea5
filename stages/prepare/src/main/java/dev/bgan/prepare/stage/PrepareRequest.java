package dev.bgan.prepare.stage;

import dev.bgan.artifact.CachePolicy;
import dev.bgan.common.BadInputException;
import dev.bgan.proto.PrepareConfig;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a user asks of {@code prepare}: read the raw files from a directory, or download them (the
 * default when no directory is given); how many shards per split; how to use the run cache. Only
 * the shard count enters the artifact's parameters: the files enter its cache key by their
 * hashes, whichever way they came, and the cache policy changes when, not what, is computed.
 */
public record PrepareRequest(
    Optional<Path> sourceDir, boolean download, int numShards, CachePolicy policy, BeamRunner runner) {
  public static final int DEFAULT_NUM_SHARDS = 4;

  public PrepareRequest {
    if (numShards < 1 || numShards > WriteShards.MAX_SHARDS) {
      throw BadInputException.inParameter("num_shards", numShards, "must be 1.." + WriteShards.MAX_SHARDS);
    }
    if (policy == null || runner == null) {
      throw new IllegalArgumentException("a cache policy and a runner are required");
    }
    if (sourceDir.isPresent() && download) {
      throw new BadInputException("give a source directory or --download, not both (got "
          + sourceDir.get() + " and --download)");
    }
  }

  /** Download (or reuse earlier downloads), 4 shards, reuse a cached artifact, the DirectRunner. */
  public static PrepareRequest defaults() {
    return new PrepareRequest(Optional.empty(), false, DEFAULT_NUM_SHARDS, CachePolicy.REUSE, BeamRunner.DIRECT);
  }

  public PrepareRequest withSourceDir(Path dir) {
    return new PrepareRequest(Optional.of(dir), download, numShards, policy, runner);
  }

  public PrepareRequest withDownload(boolean downloadFiles) {
    return new PrepareRequest(sourceDir, downloadFiles, numShards, policy, runner);
  }

  public PrepareRequest withNumShards(int shards) {
    return new PrepareRequest(sourceDir, download, shards, policy, runner);
  }

  public PrepareRequest withPolicy(CachePolicy cachePolicy) {
    return new PrepareRequest(sourceDir, download, numShards, cachePolicy, runner);
  }

  public PrepareRequest withRunner(BeamRunner beamRunner) {
    return new PrepareRequest(sourceDir, download, numShards, policy, beamRunner);
  }

  /** The stage configuration of this request for {@code dataset}. */
  public PrepareConfig config(String dataset) {
    return PrepareConfig.newBuilder().setDataset(dataset).setNumShards(numShards).build();
  }
}
