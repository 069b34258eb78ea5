package dev.bgan.train.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.util.Pair;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Named tensors in one file: magic {@code BGANTENS}, format version, count, then per tensor its
 * name and DJL's NDArray encoding. Posterior samples and checkpoints both use it. Writes go to a
 * temporary name first and are renamed, so a kill never leaves a half-written file.
 */
public final class TensorFile {
  private static final byte[] MAGIC = "BGANTENS".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  /** Versions this build reads: 1. */
  public static final int VERSION = 1;

  private TensorFile() {}

  public static void write(Path file, List<Pair<String, NDArray>> tensors) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".part");
    try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
      out.write(MAGIC);
      out.writeInt(VERSION);
      out.writeInt(tensors.size());
      for (Pair<String, NDArray> t : tensors) {
        out.writeUTF(t.getKey());
        byte[] encoded = t.getValue().encode();
        out.writeInt(encoded.length);
        out.write(encoded);
      }
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Reads every tensor into {@code manager}; the caller owns and closes them. */
  public static List<Pair<String, NDArray>> read(Path file, NDManager manager) throws IOException {
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
      byte[] magic = in.readNBytes(MAGIC.length);
      if (!Arrays.equals(magic, MAGIC)) {
        throw new IOException(file + ": not a bgan tensor file (bad magic)");
      }
      int version = in.readInt();
      if (version < 1 || version > VERSION) {
        throw new IOException(file + ": tensor file version " + version + " is not readable by this build");
      }
      int count = in.readInt();
      List<Pair<String, NDArray>> tensors = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        String name = in.readUTF();
        int length = in.readInt();
        byte[] encoded = in.readNBytes(length);
        if (encoded.length != length) {
          throw new IOException(file + ": truncated at tensor " + name);
        }
        tensors.add(new Pair<>(name, NDArray.decode(manager, encoded)));
      }
      return tensors;
    }
  }

  /** Copies {@code saved} tensors into the arrays of {@code targets}, matched by name and shape. */
  public static void copyInto(List<Pair<String, NDArray>> targets, Map<String, NDArray> saved, String source) throws IOException {
    for (Pair<String, NDArray> target : targets) {
      NDArray value = saved.get(target.getKey());
      if (value == null || !value.getShape().equals(target.getValue().getShape())) {
        throw new IOException(source + ": tensor " + target.getKey() + " missing or of another shape");
      }
      target.getValue().set(value.toByteBuffer());
    }
  }
}
