package dev.bgan.prepare.celeba;

import dev.bgan.common.BadInputException;
import dev.bgan.common.Progress;
import dev.bgan.common.Sha256;
import dev.bgan.proto.SourceFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * A CelebA folder as the official archive unpacks: {@code img_align_celeba/000001.jpg ...},
 * {@code Anno/list_attr_celeba.txt} and, optionally, {@code Eval/list_eval_partition.txt}.
 */
public final class CelebaFiles {
  public static final String IMAGES = "img_align_celeba";
  public static final String ATTRIBUTES = "Anno/list_attr_celeba.txt";
  public static final String PARTITION = "Eval/list_eval_partition.txt";

  private final Path dir;

  private CelebaFiles(Path dir) {
    this.dir = dir;
  }

  /** The folder {@code dir}; a one-line error if it lacks the images folder or the attribute file. */
  public static CelebaFiles locate(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw BadInputException.inFile(dir, "not a directory (expected " + IMAGES + "/ and " + ATTRIBUTES + " in it)");
    }
    if (!Files.isDirectory(dir.resolve(IMAGES))) {
      throw BadInputException.inFile(dir.resolve(IMAGES), "not found (the folder of CelebA's aligned JPEGs)");
    }
    if (!Files.isRegularFile(dir.resolve(ATTRIBUTES))) {
      throw BadInputException.inFile(dir.resolve(ATTRIBUTES), "not found (the CelebA attribute file)");
    }
    return new CelebaFiles(dir);
  }

  public Path dir() {
    return dir;
  }

  public Path attributes() {
    return dir.resolve(ATTRIBUTES);
  }

  public Optional<Path> partition() {
    Path file = dir.resolve(PARTITION);
    return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
  }

  public Path image(String name) {
    return dir.resolve(IMAGES).resolve(name);
  }

  /**
   * Provenance: the attribute file, the partition file if any, the cascade, and the images as one
   * entry whose SHA-256 is that of their {@code sha256sum}-style listing ("HASH  NAME" lines in
   * list order), so that a manifest stays small while any changed byte changes the cache key. An
   * image listed but absent is a one-line error naming it.
   */
  public List<SourceFile> sourceFiles(List<String> images, Path cascade) {
    List<SourceFile> files = new ArrayList<>();
    files.add(sourceFile(ATTRIBUTES, attributes()));
    partition().ifPresent(p -> files.add(sourceFile(PARTITION, p)));
    files.add(sourceFile(cascade.getFileName().toString(), cascade));
    for (String name : images) {
      if (!Files.isRegularFile(image(name))) {
        throw BadInputException.inFile(image(name), "image not found (listed in " + ATTRIBUTES + ")");
      }
    }
    String[] hashes = new String[images.size()];
    long[] sizes = new long[images.size()];
    try (Progress progress = Progress.start("Hashing CelebA images", images.size(), 0, "images")) {
      IntStream.range(0, images.size()).parallel().forEach(i -> {
        Path image = image(images.get(i));
        hashes[i] = hash(image);
        sizes[i] = size(image);
        progress.step();
      });
    }
    MessageDigest listing = Sha256.newDigest();
    for (int i = 0; i < hashes.length; i++) {
      listing.update((hashes[i] + "  " + images.get(i) + "\n").getBytes(StandardCharsets.UTF_8));
    }
    files.add(SourceFile.newBuilder()
        .setName(IMAGES + "/ (" + images.size() + " images; SHA-256 of their sha256sum listing)")
        .setSha256(HexFormat.of().formatHex(listing.digest()))
        .setSizeBytes(Arrays.stream(sizes).sum())
        .setOrigin(dir.resolve(IMAGES).toAbsolutePath().toUri().toString())
        .build());
    return files;
  }

  private static SourceFile sourceFile(String name, Path file) {
    return SourceFile.newBuilder().setName(name).setSha256(hash(file)).setSizeBytes(size(file))
        .setOrigin(file.toAbsolutePath().toUri().toString()).build();
  }

  private static String hash(Path file) {
    try {
      return Sha256.ofFile(file);
    } catch (UncheckedIOException e) {
      throw BadInputException.inFile(file, "cannot read (" + e.getCause().getMessage() + ")");
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw BadInputException.inFile(file, "cannot read (" + e.getMessage() + ")");
    }
  }
}
