package dev.bgan.prepare.cifar;

import dev.bgan.common.BadInputException;
import dev.bgan.common.FileDigests;
import dev.bgan.common.FileTrees;
import dev.bgan.prepare.TarGzArchive;
import dev.bgan.proto.SourceFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The seven files of CIFAR-10's python version in one directory: {@code data_batch_1..5},
 * {@code test_batch} and {@code batches.meta}. They are looked for in the directory given, then in
 * its {@code cifar-10-batches-py} folder (the archive's layout), and failing both, the
 * {@code cifar-10-python.tar.gz} there is unpacked into that folder.
 */
public final class Cifar10Files {
  public static final String ARCHIVE = "cifar-10-python.tar.gz";
  /** The folder the archive holds the files in. */
  public static final String FOLDER = "cifar-10-batches-py";
  public static final String META = "batches.meta";
  /** In the order manifests list them. */
  public static final List<String> NAMES = Stream.concat(
      Stream.of(Cifar10Split.values()).flatMap(split -> split.batchNames().stream()),
      Stream.of(META)).toList();

  private final Path dir;
  private final Optional<String> archiveOrigin;
  private final FileDigests digests;

  private Cifar10Files(Path dir, Optional<String> archiveOrigin, FileDigests digests) {
    this.dir = dir;
    this.archiveOrigin = archiveOrigin;
    this.digests = digests;
  }

  /** The files in {@code dir} or below it as described above; a one-line error if any is missing. */
  public static Cifar10Files locate(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw BadInputException.inFile(dir, "not a directory (expected the CIFAR-10 python batches, their folder "
          + FOLDER + " or " + ARCHIVE + " in it)");
    }
    if (NAMES.stream().anyMatch(name -> Files.exists(dir.resolve(name)))) {
      return complete(dir, Optional.empty());
    }
    Path folder = dir.resolve(FOLDER);
    if (Files.isDirectory(folder)) {
      return complete(folder, Optional.empty());
    }
    Path archive = dir.resolve(ARCHIVE);
    if (Files.isRegularFile(archive)) {
      unpack(archive, dir);
      return complete(folder, Optional.of(archive.toAbsolutePath().toUri().toString()));
    }
    throw BadInputException.inFile(dir, "holds neither the CIFAR-10 python batches (" + String.join(", ", NAMES)
        + ") nor a folder " + FOLDER + " nor " + ARCHIVE);
  }

  /** The same files, recorded as unpacked from an archive that came from {@code origin} (a URL). */
  public Cifar10Files withArchiveOrigin(String origin) {
    return new Cifar10Files(dir, Optional.of(origin), digests);
  }

  /** The same files, their SHA-256 taken from {@code fileDigests} (a store's stat cache). */
  public Cifar10Files withDigests(FileDigests fileDigests) {
    return new Cifar10Files(dir, archiveOrigin, fileDigests);
  }

  /** The directory that holds the seven files. */
  public Path dir() {
    return dir;
  }

  public Path path(String name) {
    if (!NAMES.contains(name)) {
      throw new IllegalArgumentException("not a CIFAR-10 file name: " + name);
    }
    return dir.resolve(name);
  }

  /** The batch files of {@code split}, in order. */
  public List<Path> batches(Cifar10Split split) {
    return split.batchNames().stream().map(this::path).toList();
  }

  /**
   * Provenance of each file: name, SHA-256, size, and origin: the archive's (its URL when
   * downloaded) for files unpacked from one, the file's own URI otherwise.
   */
  public List<SourceFile> sourceFiles() {
    List<SourceFile> sources = new ArrayList<>();
    for (String name : NAMES) {
      Path file = path(name);
      try {
        sources.add(SourceFile.newBuilder()
            .setName(name)
            .setSha256(digests.sha256(file))
            .setSizeBytes(Files.size(file))
            .setOrigin(archiveOrigin.orElseGet(() -> file.toAbsolutePath().toUri().toString()))
            .build());
      } catch (IOException | UncheckedIOException e) {
        throw BadInputException.inFile(file, "cannot read (" + e.getMessage() + ")");
      }
    }
    return sources;
  }

  private static Cifar10Files complete(Path dir, Optional<String> archiveOrigin) {
    for (String name : NAMES) {
      if (!Files.isRegularFile(dir.resolve(name))) {
        throw BadInputException.inFile(dir.resolve(name), "not found (CIFAR-10 needs " + String.join(", ", NAMES)
            + ")");
      }
    }
    return new Cifar10Files(dir, archiveOrigin, FileDigests.COMPUTED);
  }

  /**
   * Unpacks the archive's folder into {@code dir}: into a scratch folder first, then renamed into
   * place, so that a folder that is there is always complete.
   */
  private static void unpack(Path archive, Path dir) {
    Path scratch = null;
    try {
      scratch = Files.createTempDirectory(dir, ".unpack-");
      TarGzArchive.extract(archive, scratch, entry -> entry.startsWith(FOLDER + "/"));
      if (!Files.isDirectory(scratch.resolve(FOLDER))) {
        throw BadInputException.inFile(archive, "holds no folder " + FOLDER + "/");
      }
      try {
        Files.move(scratch.resolve(FOLDER), dir.resolve(FOLDER), StandardCopyOption.ATOMIC_MOVE);
      } catch (FileSystemException e) {
        // A concurrent run unpacked the same archive first; its folder is as good as ours.
        if (!Files.isDirectory(dir.resolve(FOLDER))) {
          throw e;
        }
      }
    } catch (IOException e) {
      throw BadInputException.inFile(archive, "cannot unpack into " + dir + " (" + e.getMessage() + ")");
    } finally {
      deleteScratch(scratch);
    }
  }

  private static void deleteScratch(Path scratch) {
    if (scratch != null) {
      try {
        FileTrees.deleteRecursively(scratch);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot remove " + scratch, e);
      }
    }
  }
}
