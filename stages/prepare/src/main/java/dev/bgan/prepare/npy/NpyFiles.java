package dev.bgan.prepare.npy;

import dev.bgan.common.BadInputException;
import dev.bgan.common.Sha256;
import dev.bgan.proto.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The four .npy files of a custom dataset: train and test images (x) and labels (y). */
public record NpyFiles(Path trainX, Path trainY, Path testX, Path testY) {
  /** The option (and source file) name of each file, in manifest order. */
  public static final List<String> ROLES = List.of("train-x", "train-y", "test-x", "test-y");

  /** The files named by {@code paths}, by role; a one-line error for a missing role or file. */
  public static NpyFiles of(Map<String, String> paths) {
    List<Path> files = new ArrayList<>();
    for (String role : ROLES) {
      String path = paths.get(role);
      if (path == null || path.isBlank()) {
        throw BadInputException.inParameter(role, path, "the npy dataset needs --train-x, --train-y, --test-x and"
            + " --test-y, each a .npy file");
      }
      Path file = Path.of(path);
      if (!Files.isRegularFile(file)) {
        throw BadInputException.inFile(file, "no such file (given as --" + role + ")");
      }
      files.add(file);
    }
    return new NpyFiles(files.get(0), files.get(1), files.get(2), files.get(3));
  }

  /** By role. */
  public Map<String, Path> byRole() {
    Map<String, Path> map = new LinkedHashMap<>();
    map.put(ROLES.get(0), trainX);
    map.put(ROLES.get(1), trainY);
    map.put(ROLES.get(2), testX);
    map.put(ROLES.get(3), testY);
    return map;
  }

  /** Each file under its role's name, with its SHA-256 (which enters the cache key), size and file URI. */
  public List<SourceFile> sourceFiles() {
    List<SourceFile> sources = new ArrayList<>();
    byRole().forEach((role, file) -> {
      try {
        sources.add(SourceFile.newBuilder()
            .setName(role)
            .setSha256(Sha256.ofFile(file))
            .setSizeBytes(Files.size(file))
            .setOrigin(file.toAbsolutePath().toUri().toString())
            .build());
      } catch (IOException e) {
        throw BadInputException.inFile(file, "cannot read (" + e.getMessage() + ")");
      }
    });
    return sources;
  }
}
