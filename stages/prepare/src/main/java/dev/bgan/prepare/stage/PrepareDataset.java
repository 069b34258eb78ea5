package dev.bgan.prepare.stage;

import dev.bgan.artifact.ArtifactDraft;
import dev.bgan.artifact.ArtifactSpec;
import dev.bgan.artifact.ArtifactStore;
import dev.bgan.artifact.CachePolicy;
import dev.bgan.common.BadInputException;
import dev.bgan.common.ConfigFields;
import dev.bgan.common.FileTrees;
import dev.bgan.prepare.DatasetSource;
import dev.bgan.prepare.DatasetWarnings;
import dev.bgan.prepare.ImageDatasetSource;
import dev.bgan.proto.DatasetSummary;
import dev.bgan.proto.PrepareConfig;
import dev.bgan.proto.SourceFile;
import dev.bgan.proto.SplitSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.Function;
import org.apache.beam.sdk.Pipeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The prepare stage for any {@link DatasetSource}, images or points: a dataset artifact whose payload is
 * {@code data/<split>-SSSSS-of-NNNNN.tfrecord} for every split, written by a Beam pipeline, and
 * whose manifest holds the source's summary with the shard files filled in. The artifact is keyed
 * by the stage {@code prepare/<name>}, the config, the source's generation parameters and the
 * sources' hashes, so a rerun on the same files (or parameters) is a cache hit.
 */
public final class PrepareDataset {
  public static final String KIND = "dataset";
  /** Bump when the records written for the same sources and config change. */
  public static final int STAGE_VERSION = 1;
  /** The payload directory, relative to the artifact. */
  public static final String DATA_DIR = "data";

  private static final Logger LOG = LoggerFactory.getLogger(PrepareDataset.class);

  private PrepareDataset() {}

  /**
   * The artifact of the dataset whose raw files are in the directory {@code request} names
   * ({@code locate} finds them there) or, when it names none, are obtained into the store's sources
   * directory {@code sourcesName}; {@code load} parses and validates them completely before anything
   * is written, and names the dataset (svhn_extra's files are svhn's). The shards are written by
   * the request's Beam runner.
   */
  public static <F> ArtifactStore.Produced run(ArtifactStore store, PrepareRequest request, String sourcesName,
      Function<Path, F> locate, Function<Path, F> obtain, Function<F, ImageDatasetSource> load) throws IOException {
    return run(store, request, sourcesName, locate, obtain, true, load);
  }

  /**
   * As above; {@code obtainFetches}: whether {@code obtain} may fetch files (download them). A dry
   * run ({@link CachePolicy#PLAN}) never fetches: it reads the files already in the store's sources
   * directory, and where they are not there yet it stops with a line that says how to get them.
   */
  public static <F> ArtifactStore.Produced run(ArtifactStore store, PrepareRequest request, String sourcesName,
      Function<Path, F> locate, Function<Path, F> obtain, boolean obtainFetches, Function<F, ImageDatasetSource> load)
      throws IOException {
    F files;
    if (request.sourceDir().isPresent()) {
      files = locate.apply(request.sourceDir().get());
    } else if (request.policy() == CachePolicy.PLAN && obtainFetches) {
      Path dir = store.sourcesDir(sourcesName);
      try {
        files = locate.apply(dir);
      } catch (BadInputException e) {
        throw new BadInputException("dry run: the raw files of " + sourcesName + " are not in " + dir
            + " yet, and a dry run fetches nothing (its dataset id depends on their hashes): run bgan prepare "
            + sourcesName + " first, or give it --source DIR (in a workflow: --set STAGE.source=DIR)", e);
      }
    } else {
      files = obtain.apply(store.sourcesDir(sourcesName));
    }
    ImageDatasetSource source = load.apply(files);
    // The sources' digests (their cache key) are computed by now: what the stat cache learnt is kept.
    store.fileDigests().save();
    return run(store, source, request.config(source.name()), request.policy(), request.runner());
  }

  /**
   * The same for a dataset whose name and raw files are known before its files are read (MNIST's):
   * {@code load} parses and validates them only where the run cache lacks the artifact, since a
   * cached artifact was made from files of the very same content (the sources' digests are its key).
   */
  public static <F> ArtifactStore.Produced run(ArtifactStore store, PrepareRequest request, String name,
      String sourcesName, Function<Path, F> locate, Function<Path, F> obtain, Function<F, List<SourceFile>> sourceFiles,
      Function<F, ? extends DatasetSource> load) throws IOException {
    F files = request.sourceDir().map(locate).orElseGet(() -> obtain.apply(store.sourcesDir(sourcesName)));
    List<SourceFile> sources = sourceFiles.apply(files);
    store.fileDigests().save();
    return run(store, new Pending(name, sources, Map.of(), (scratch, runner) -> {
      DatasetSource source = load.apply(files);
      if (!source.name().equals(name) || !source.sourceFiles().equals(sources) || !source.generationParams().isEmpty()) {
        throw new IllegalStateException("dataset " + source.name() + " is not what its files named before loading");
      }
      return source;
    }), request.config(name), request.policy(), request.runner());
  }

  /** The artifact of {@code source} under {@code config}, from the run cache as {@code policy} says. */
  public static ArtifactStore.Produced run(ArtifactStore store, DatasetSource source, PrepareConfig config,
      CachePolicy policy, BeamRunner runner) throws IOException {
    return run(store, Pending.loaded(source), config, policy, runner);
  }

  /**
   * The artifact of {@code dataset} under {@code config}: the dataset's parameters join the config's
   * in the cache key, and the dataset is made only when the run cache does not already hold it.
   */
  public static ArtifactStore.Produced run(ArtifactStore store, Pending dataset, PrepareConfig config,
      CachePolicy policy, BeamRunner runner) throws IOException {
    if (!config.getDataset().equals(dataset.name())) {
      throw BadInputException.inParameter("dataset", config.getDataset(),
          "does not match the source " + dataset.name());
    }
    if (config.getNumShards() < 1 || config.getNumShards() > WriteShards.MAX_SHARDS) {
      throw BadInputException.inParameter("num_shards", config.getNumShards(),
          "must be 1.." + WriteShards.MAX_SHARDS);
    }
    SortedMap<String, String> params = ConfigFields.canonical(config);
    dataset.parameters().forEach((name, value) -> {
      if (params.put(name, value) != null) {
        throw new IllegalArgumentException("dataset parameter " + name + " is also a config field");
      }
    });
    ArtifactSpec spec = ArtifactSpec.of(KIND, "prepare/" + dataset.name(), STAGE_VERSION, params)
        .withSources(dataset.sourceFiles());
    ArtifactStore.Produced produced = store.produce(spec, policy,
        draft -> writeShards(draft, dataset, config.getNumShards(), runner));
    if (policy != CachePolicy.PLAN) {
      LOG.info("{} dataset {}: {}", produced.cached() ? "Reused" : "Prepared", dataset.name(), produced.artifact().id());
    }
    return produced;
  }

  /**
   * A dataset known by its name, raw files and parameters before its records exist: those of
   * CelebA come from a face crop, a pipeline of its own, run only when the cache lacks the artifact.
   *
   * @param sourceFiles the raw files, with their SHA-256: they enter the cache key
   * @param parameters this dataset's parameters beside the config's fields (CelebA: size,
   *     attributes; synthetic: size, dimension, seed); they enter the cache key
   * @param maker makes the dataset's records, with a Beam runner, in a scratch folder on the store's file system
   */
  public record Pending(String name, List<SourceFile> sourceFiles, Map<String, String> parameters, Maker maker) {
    /** A dataset already read and validated. */
    static Pending loaded(DatasetSource source) {
      return new Pending(source.name(), source.sourceFiles(), source.generationParams(), (scratch, runner) -> source);
    }
  }

  /** Makes a pending dataset's records. */
  @FunctionalInterface
  public interface Maker {
    DatasetSource make(Path scratch, BeamRunner runner) throws IOException;
  }

  private static void writeShards(ArtifactDraft draft, Pending dataset, int numShards, BeamRunner runner)
      throws IOException {
    Path dataDir = Files.createDirectories(draft.dir().resolve(DATA_DIR));
    // Beam's scratch space sits beside the draft, on the store's file system, and never in the payload;
    // its name starts with the artifact id, whose lock says whether a killed run left it.
    Path beamTemp = Files.createTempDirectory(draft.dir().getParent(), draft.id() + ".beam-");
    try {
      DatasetSource source = dataset.maker().make(Files.createDirectory(beamTemp.resolve("make")), runner);
      Pipeline pipeline = Pipeline.create(runner.options(beamTemp, "prepare-" + source.name()));
      // Recorded, not refused (DatasetWarnings says why); printed wherever the artifact is produced or reused.
      DatasetSummary.Builder summary = source.summary().toBuilder().clearWarnings()
          .addAllWarnings(DatasetWarnings.of(source));
      for (SplitSummary.Builder split : summary.getSplitsBuilderList()) {
        split.clearShardFiles();
        pipeline.apply("WriteShards[" + split.getName() + "]",
            WriteShards.of(split.getName(), split.getCount(), source.reader(split.getName()))
                .withNumShards(numShards)
                .to(dataDir.toString()));
        for (String shard : WriteShards.shardNames(split.getName(), numShards)) {
          split.addShardFiles(DATA_DIR + "/" + shard);
        }
      }
      run(pipeline);
      draft.manifest().setDataset(summary);
    } finally {
      FileTrees.deleteRecursively(beamTemp);
    }
  }

  /** Runs to the end; a user error inside a worker surfaces as itself, not wrapped by the runner. */
  static void run(Pipeline pipeline) throws IOException {
    try {
      pipeline.run().waitUntilFinish();
    } catch (Pipeline.PipelineExecutionException e) {
      rethrowCause(e);
    } catch (RuntimeException e) {
      // Flink wraps a worker's exception in its job's failure, several causes deep.
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        if (cause instanceof BadInputException bad) {
          throw bad;
        }
      }
      throw e;
    }
  }

  private static void rethrowCause(Pipeline.PipelineExecutionException e) throws IOException {
    Throwable cause = e.getCause();
    if (cause instanceof BadInputException bad) {
      throw bad;
    }
    if (cause instanceof IOException io) {
      throw io;
    }
    if (cause instanceof UncheckedIOException io) {
      throw io.getCause();
    }
    throw e;
  }
}
