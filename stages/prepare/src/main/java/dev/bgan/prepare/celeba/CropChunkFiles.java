package dev.bgan.prepare.celeba;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Crops {@link CropChunk}s into their scratch files, and reads back how many faces each photo had. */
public final class CropChunkFiles {
  private CropChunkFiles() {}

  /** Crops every photo of {@code chunk} found in {@code files} and writes the chunk's two files into {@code dir}. */
  public static void crop(CropChunk chunk, CelebaFiles files, FaceCropper cropper, Path dir) throws IOException {
    try (DataOutputStream faces = new DataOutputStream(new BufferedOutputStream(
            Files.newOutputStream(dir.resolve(chunk.facesFile()))));
        OutputStream crops = new BufferedOutputStream(Files.newOutputStream(dir.resolve(chunk.cropsFile())))) {
      faces.writeInt(chunk.images().size());
      for (String name : chunk.images()) {
        FaceCrop crop = cropper.crop(files.image(name));
        faces.writeInt(crop.faces().size());
        if (crop.kept()) {
          crops.write(crop.rgb());
        }
      }
    }
  }

  /** The number of faces found in each photo of {@code chunk}, in order. */
  public static int[] faces(CropChunk chunk, Path dir) throws IOException {
    try (DataInputStream in = new DataInputStream(Files.newInputStream(dir.resolve(chunk.facesFile())))) {
      int n = in.readInt();
      if (n != chunk.images().size()) {
        throw new IOException(chunk.facesFile() + " holds " + n + " photos, the chunk " + chunk.images().size());
      }
      int[] faces = new int[n];
      for (int i = 0; i < n; i++) {
        faces[i] = in.readInt();
      }
      return faces;
    }
  }

  /** The crops of {@code chunk}, one after the other. */
  public static byte[] crops(CropChunk chunk, Path dir) throws IOException {
    return Files.readAllBytes(dir.resolve(chunk.cropsFile()));
  }
}
