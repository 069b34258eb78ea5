package dev.bgan.prepare.celeba;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A run of consecutive photos of one split that one worker crops; its results go to two files of
 * a scratch folder, {@code <split>-<number>.faces} (the number of faces of each photo) and
 * {@code <split>-<number>.rgb} (the crops of the photos kept, one after the other).
 */
public record CropChunk(String split, int number, List<String> images) implements Serializable {
  private static final long serialVersionUID = 1L;

  public CropChunk {
    images = List.copyOf(images);
  }

  /** The chunks of every split of {@code images}, in split and then photo order. */
  public static List<CropChunk> of(Map<String, List<String>> images, int chunkSize) {
    if (chunkSize < 1) {
      throw new IllegalArgumentException("chunk size must be >= 1, got " + chunkSize);
    }
    List<CropChunk> chunks = new ArrayList<>();
    images.forEach((split, names) -> {
      for (int start = 0, n = 0; start < names.size(); start += chunkSize, n++) {
        chunks.add(new CropChunk(split, n, names.subList(start, Math.min(names.size(), start + chunkSize))));
      }
    });
    return chunks;
  }

  public String facesFile() {
    return String.format("%s-%06d.faces", split, number);
  }

  public String cropsFile() {
    return String.format("%s-%06d.rgb", split, number);
  }
}
