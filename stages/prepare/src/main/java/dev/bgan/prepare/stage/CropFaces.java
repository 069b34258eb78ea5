package dev.bgan.prepare.stage;

import dev.bgan.prepare.celeba.CelebaFiles;
import dev.bgan.prepare.celeba.CropChunk;
import dev.bgan.prepare.celeba.CropChunkFiles;
import dev.bgan.prepare.celeba.FaceCropper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Crops the faces of CelebA photos in parallel: one element per {@link CropChunk}, spread over the
 * workers, each of which crops its chunk's photos into the chunk's two files in a scratch folder
 * and outputs the chunk's number. What a chunk's files hold depends only on its photos, so the
 * files are the same whatever the runner, its parallelism or the order chunks run in.
 */
final class CropFaces extends PTransform<PBegin, PCollection<Integer>> {
  private final List<CropChunk> chunks;
  private final String sourceDir;
  private final String cascade;
  private final int side;
  private final String outputDir;

  CropFaces(List<CropChunk> chunks, Path sourceDir, Path cascade, int side, Path outputDir) {
    this.chunks = List.copyOf(chunks);
    this.sourceDir = sourceDir.toString();
    this.cascade = cascade.toString();
    this.side = side;
    this.outputDir = outputDir.toString();
  }

  @Override
  public PCollection<Integer> expand(PBegin input) {
    return input
        .apply("ChunkNumbers", Create.of(IntStream.range(0, chunks.size()).boxed().toList()))
        // Create emits every element from one place; spreading them lets each chunk run on its own worker.
        .apply("SpreadChunks", Reshuffle.viaRandomKey())
        .apply("CropChunk", ParDo.of(new CropChunkFn(chunks, sourceDir, cascade, side, outputDir)));
  }

  /** Crops one chunk; the cascade is loaded once per instance, which a worker thread reuses for every bundle. */
  private static final class CropChunkFn extends DoFn<Integer, Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(CropChunkFn.class);

    private final List<CropChunk> chunks;
    private final String sourceDir;
    private final String cascade;
    private final int side;
    private final String outputDir;
    private transient FaceCropper cropper;

    CropChunkFn(List<CropChunk> chunks, String sourceDir, String cascade, int side, String outputDir) {
      this.chunks = chunks;
      this.sourceDir = sourceDir;
      this.cascade = cascade;
      this.side = side;
      this.outputDir = outputDir;
    }

    @Setup
    public void setup() {
      cropper = new FaceCropper(Path.of(cascade), side);
    }

    @ProcessElement
    public void processElement(@Element Integer number, OutputReceiver<Integer> out) throws IOException {
      CropChunk chunk = chunks.get(number);
      long start = System.nanoTime();
      CropChunkFiles.crop(chunk, CelebaFiles.locate(Path.of(sourceDir)), cropper, Path.of(outputDir));
      LOG.info("Cropped {} {} photos of {} ({} photos/s)", chunk.images().size(), chunk.split(), chunk.cropsFile(),
          String.format("%.1f", chunk.images().size() * 1e9 / (System.nanoTime() - start)));
      out.output(number);
    }

    @Teardown
    public void teardown() {
      if (cropper != null) {
        cropper.close();
      }
    }
  }
}
