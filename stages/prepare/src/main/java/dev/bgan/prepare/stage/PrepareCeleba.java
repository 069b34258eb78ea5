package dev.bgan.prepare.stage;

import dev.bgan.artifact.ArtifactStore;
import dev.bgan.common.BadInputException;
import dev.bgan.prepare.celeba.CelebaAttributes;
import dev.bgan.prepare.celeba.CelebaDataset;
import dev.bgan.prepare.celeba.CelebaFiles;
import dev.bgan.prepare.celeba.CelebaLabels;
import dev.bgan.prepare.celeba.CelebaListing;
import dev.bgan.prepare.celeba.CropChunk;
import dev.bgan.prepare.celeba.FaceCropper;
import dev.bgan.proto.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code prepare celeba}: the folder the user gives ({@code img_align_celeba/},
 * {@code Anno/list_attr_celeba.txt}, optionally {@code Eval/list_eval_partition.txt}) is listed,
 * validated and hashed; then, unless the run cache holds the artifact, a Beam pipeline crops every
 * photo's face in parallel ({@link CropFaces}) and the photos with exactly one face are written as
 * shards. The crop size and the label attributes are parameters of the artifact, and the cascade
 * one of its source files.
 */
public final class PrepareCeleba {
  /** ORIG's 50x50 by default; HEAD's 32x32. */
  public static final int DEFAULT_SIZE = 50;
  public static final List<Integer> SIZES = List.of(32, 50);
  /** Photos per element of the crop pipeline: enough to amortize a task, few enough to spread. */
  public static final int DEFAULT_CHUNK_SIZE = 500;

  private static final Logger LOG = LoggerFactory.getLogger(PrepareCeleba.class);

  private final int size;
  private final String attributes;
  private final Path cascade;
  private final int chunkSize;

  public PrepareCeleba(int size, String attributes, Path cascade, int chunkSize) {
    if (!SIZES.contains(size)) {
      throw BadInputException.inParameter("size", size, "must be 32 (HEAD) or 50 (ORIG)");
    }
    if (chunkSize < 1) {
      throw new IllegalArgumentException("chunk size must be >= 1, got " + chunkSize);
    }
    this.size = size;
    this.attributes = attributes;
    this.cascade = cascade;
    this.chunkSize = chunkSize;
  }

  /** 50x50, ORIG's five attributes, Debian's frontal-face cascade. */
  public static PrepareCeleba defaults() {
    return new PrepareCeleba(DEFAULT_SIZE, String.join(",", CelebaLabels.ORIG), FaceCropper.DEFAULT_CASCADE,
        DEFAULT_CHUNK_SIZE);
  }

  /** CelebA's crop size, label attributes and cascade, from a call's options or the defaults. */
  static Preparer fromOptions(Map<String, String> options) {
    PrepareCeleba celeba = defaults();
    String size = options.get(PrepareRunner.SIZE);
    if (size != null) {
      try {
        celeba = celeba.withSize(Integer.parseInt(size.trim()));
      } catch (NumberFormatException e) {
        throw BadInputException.inParameter(PrepareRunner.SIZE, size, "must be 32 (HEAD) or 50 (ORIG)");
      }
    }
    if (options.containsKey(PrepareRunner.ATTRIBUTES)) {
      celeba = celeba.withAttributes(options.get(PrepareRunner.ATTRIBUTES));
    }
    if (options.containsKey(PrepareRunner.CASCADE)) {
      celeba = celeba.withCascade(Path.of(options.get(PrepareRunner.CASCADE)));
    }
    return celeba::run;
  }

  public PrepareCeleba withSize(int newSize) {
    return new PrepareCeleba(newSize, attributes, cascade, chunkSize);
  }

  public PrepareCeleba withAttributes(String newAttributes) {
    return new PrepareCeleba(size, newAttributes, cascade, chunkSize);
  }

  public PrepareCeleba withCascade(Path newCascade) {
    return new PrepareCeleba(size, attributes, newCascade, chunkSize);
  }

  public PrepareCeleba withChunkSize(int newChunkSize) {
    return new PrepareCeleba(size, attributes, cascade, newChunkSize);
  }

  public ArtifactStore.Produced run(ArtifactStore store, PrepareRequest request) throws IOException {
    if (request.download()) {
      throw new BadInputException("CelebA has no download here (its files are on Google Drive, behind a form):"
          + " download img_align_celeba.zip and the annotation files yourself and give --source DIR");
    }
    Path dir = request.sourceDir().orElseThrow(() -> new BadInputException(
        "prepare celeba needs --source DIR, the folder holding img_align_celeba/ and Anno/list_attr_celeba.txt"));
    CelebaFiles files = CelebaFiles.locate(dir);
    // Load the cascade once here, so that a bad one fails before any image is hashed.
    new FaceCropper(cascade, size).close();
    CelebaAttributes table = CelebaAttributes.read(files.attributes());
    CelebaLabels labels = CelebaLabels.parse(attributes, table.names());
    CelebaListing listing = CelebaListing.of(files, table, labels);
    List<SourceFile> sources = files.sourceFiles(table.images(), cascade);
    PrepareDataset.Pending pending = new PrepareDataset.Pending(CelebaDataset.NAME, sources,
        Map.of("size", Integer.toString(size), "attributes", String.join(",", labels.attributes())),
        (scratch, runner) -> crop(files, listing, labels, sources, scratch, runner));
    return PrepareDataset.run(store, pending, request.config(CelebaDataset.NAME), request.policy(), request.runner());
  }

  private CelebaDataset crop(CelebaFiles files, CelebaListing listing, CelebaLabels labels, List<SourceFile> sources,
      Path scratch, BeamRunner runner) throws IOException {
    Path crops = Files.createDirectory(scratch.resolve("crops"));
    List<CropChunk> chunks = CropChunk.of(listing.images(), chunkSize);
    Pipeline pipeline = Pipeline.create(runner.options(Files.createDirectory(scratch.resolve("beam")), "crop-celeba"));
    pipeline.apply("CropFaces", new CropFaces(chunks, files.dir(), cascade, size, crops));
    long photos = listing.images().values().stream().mapToLong(List::size).sum();
    long start = System.nanoTime();
    PrepareDataset.run(pipeline);
    double seconds = (System.nanoTime() - start) / 1e9;
    LOG.info("Cropped {} photos in {} s ({} photos/s, {} runner)", photos, String.format("%.1f", seconds),
        String.format("%.1f", photos / seconds), runner.name());
    return CelebaDataset.assemble(listing, labels, size, sources, chunks, crops);
  }
}
