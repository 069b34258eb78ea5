package dev.bgan.prepare.celeba;

import dev.bgan.common.BadInputException;
import dev.bgan.prepare.DatasetSummaryBuilder;
import dev.bgan.prepare.LoadedImageDataset;
import dev.bgan.prepare.SplitRecordReader;
import dev.bgan.proto.DatasetSummary;
import dev.bgan.proto.ExcludedImage;
import dev.bgan.proto.SourceFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CelebA once every photo has been cropped: per split, the photos with exactly one face, in file
 * order, as {@code side x side x 3} RGB images labeled by their attributes; the others listed in
 * the summary as excluded, with the number of faces found.
 */
public final class CelebaDataset extends LoadedImageDataset {
  public static final String NAME = "celeba";

  private final Map<String, CelebaSplitReader> readers;

  private CelebaDataset(List<SourceFile> sourceFiles, DatasetSummary summary, Map<String, CelebaSplitReader> readers) {
    super(sourceFiles, summary);
    this.readers = readers;
  }

  /** Labeled only when attributes make the classes; otherwise every image is "none". */
  @Override
  public boolean labeled() {
    return summary().getLabelAttributesCount() > 0;
  }

  /** The dataset of {@code listing} whose {@code chunks} were cropped into {@code cropDir}. */
  public static CelebaDataset assemble(CelebaListing listing, CelebaLabels labels, int side,
      List<SourceFile> sourceFiles, List<CropChunk> chunks, Path cropDir) throws IOException {
    DatasetSummaryBuilder summary =
        new DatasetSummaryBuilder(NAME, side, side, FaceCropper.CHANNELS, labels.classNames());
    List<ExcludedImage> excluded = new ArrayList<>();
    Map<String, CelebaSplitReader> readers = new LinkedHashMap<>();
    for (String split : listing.images().keySet()) {
      byte[] splitLabels = listing.labels().get(split);
      List<CropChunk> splitChunks = chunks.stream().filter(c -> c.split().equals(split)).toList();
      List<String> cropFiles = new ArrayList<>();
      long[] keptStart = new long[splitChunks.size() + 1];
      ByteArrayOutputStream keptLabels = new ByteArrayOutputStream();
      summary.addToSplit(split, new byte[0], new byte[0]);
      int position = 0;
      for (int k = 0; k < splitChunks.size(); k++) {
        CropChunk chunk = splitChunks.get(k);
        int[] faces = CropChunkFiles.faces(chunk, cropDir);
        ByteArrayOutputStream chunkLabels = new ByteArrayOutputStream();
        for (int i = 0; i < faces.length; i++, position++) {
          if (faces[i] == 1) {
            chunkLabels.write(splitLabels[position]);
          } else {
            excluded.add(ExcludedImage.newBuilder()
                .setFile(CelebaFiles.IMAGES + "/" + chunk.images().get(i))
                .setSplit(split)
                .setReason(FaceCrop.exclusionReason(faces[i]))
                .build());
          }
        }
        byte[] crops = CropChunkFiles.crops(chunk, cropDir);
        if (crops.length != chunkLabels.size() * side * side * FaceCropper.CHANNELS) {
          throw new IOException(chunk.cropsFile() + " holds " + crops.length + " bytes for " + chunkLabels.size()
              + " crops of side " + side);
        }
        summary.addToSplit(split, crops, chunkLabels.toByteArray());
        keptLabels.writeBytes(chunkLabels.toByteArray());
        cropFiles.add(cropDir.resolve(chunk.cropsFile()).toString());
        keptStart[k + 1] = keptStart[k] + chunkLabels.size();
      }
      readers.put(split, new CelebaSplitReader(side, cropFiles, keptStart, keptLabels.toByteArray()));
    }
    DatasetSummary built = summary.build().toBuilder()
        .addAllLabelAttributes(labels.attributes())
        .addAllExcluded(excluded)
        .build();
    if (built.getSplitsList().stream().allMatch(s -> s.getCount() == 0)) {
      throw new BadInputException("the face cascade found exactly one face in none of the " + excluded.size()
          + " photos: nothing to prepare");
    }
    return new CelebaDataset(sourceFiles, built, readers);
  }

  @Override
  public SplitRecordReader reader(String split) {
    CelebaSplitReader reader = readers.get(split);
    if (reader == null) {
      throw new IllegalArgumentException("CelebA has no split " + split + " (" + readers.keySet() + ")");
    }
    return reader;
  }
}
