package dev.bgan.prepare.folder;

import dev.bgan.common.BadInputException;
import dev.bgan.common.Sha256;
import dev.bgan.prepare.DatasetSummaryBuilder;
import dev.bgan.prepare.LoadedImageDataset;
import dev.bgan.prepare.SplitRecordReader;
import dev.bgan.prepare.npy.NpyDataset;
import dev.bgan.proto.DatasetSummary;
import dev.bgan.proto.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A custom dataset from a folder laid out as torchvision's ImageFolder, one level deeper for the
 * splits: {@code DIR/train/<class>/<image>} and {@code DIR/test/<class>/<image>}, PNG or JPEG files
 * (.png, .jpg, .jpeg). The classes are the train folder's sub-folders in sorted order; the test
 * split may not have a class the train split lacks. Within a class, files are taken in sorted name
 * order; hidden files (a leading dot) are skipped, any other file is an error. Every image must
 * have the first image's height, width and channel count (see {@link ImageFileDecoder}); all are
 * decoded and checked before anything is written. Pixels are kept as decoded.
 */
public final class ImageFolderDataset extends LoadedImageDataset {
  public static final String DEFAULT_NAME = "folder";
  public static final List<String> SPLITS = List.of("train", "test");
  public static final String PIXEL_SCALING = "identity: 8-bit samples as decoded";

  private final Path dir;
  private final Map<String, ImageFolderSplitReader> readers;

  private ImageFolderDataset(Path dir, List<SourceFile> sources, DatasetSummary summary,
      Map<String, ImageFolderSplitReader> readers) {
    super(sources, summary);
    this.dir = dir;
    this.readers = readers;
  }

  public static ImageFolderDataset load(Path dir, String name) {
    if (!name.matches(NpyDataset.NAME_PATTERN)) {
      throw BadInputException.inParameter("name", name, "must match " + NpyDataset.NAME_PATTERN);
    }
    if (!Files.isDirectory(dir)) {
      throw BadInputException.inFile(dir, "not a directory (expected " + layout() + ")");
    }
    for (String split : SPLITS) {
      if (!Files.isDirectory(dir.resolve(split))) {
        throw BadInputException.inFile(dir.resolve(split), "not found: an image folder is laid out as " + layout());
      }
    }
    List<String> classes = subfolders(dir.resolve("train"));
    if (classes.isEmpty()) {
      throw BadInputException.inFile(dir.resolve("train"), "has no class folders (expected " + layout() + ")");
    }
    if (classes.size() > NpyDataset.MAX_CLASSES) {
      throw BadInputException.inFile(dir.resolve("train"), classes.size() + " class folders, at most "
          + NpyDataset.MAX_CLASSES);
    }
    List<SourceFile> sources = new ArrayList<>();
    Map<String, ImageFolderSplitReader> readers = new LinkedHashMap<>();
    Map<String, byte[][]> decoded = new LinkedHashMap<>();
    ImageFileDecoder.Decoded first = null;
    Path firstFile = null;
    for (String split : SPLITS) {
      Path splitDir = dir.resolve(split);
      for (String folder : subfolders(splitDir)) {
        if (!classes.contains(folder)) {
          throw BadInputException.inFile(splitDir.resolve(folder), "is a class the train split does not have"
              + " (train classes: " + String.join(", ", classes) + ")");
        }
      }
      List<String> files = new ArrayList<>();
      List<Integer> labels = new ArrayList<>();
      List<byte[]> pixels = new ArrayList<>();
      for (int label = 0; label < classes.size(); label++) {
        for (Path file : images(dir, splitDir.resolve(classes.get(label)))) {
          ImageFileDecoder.Decoded image = ImageFileDecoder.decode(file);
          if (first == null) {
            first = image;
            firstFile = file;
          } else if (image.height() != first.height() || image.width() != first.width()
              || image.channels() != first.channels()) {
            throw BadInputException.inFile(file, "is " + image.shapeText() + ", but " + firstFile + " is "
                + first.shapeText() + "; every image must have the same size and channels");
          }
          files.add(file.toString());
          labels.add(label);
          pixels.add(image.pixels());
          sources.add(source(dir, file));
        }
      }
      if (files.isEmpty()) {
        throw BadInputException.inFile(splitDir, "has no PNG or JPEG images (expected " + layout() + ")");
      }
      decoded.put(split, pixels.toArray(byte[][]::new));
      readers.put(split, new ImageFolderSplitReader(List.copyOf(files), List.copyOf(labels), first.height(),
          first.width(), first.channels()));
    }
    DatasetSummaryBuilder summary = new DatasetSummaryBuilder(name, first.height(), first.width(), first.channels(),
        classes);
    for (String split : SPLITS) {
      List<Integer> labels = readers.get(split).labels();
      byte[] labelBytes = new byte[labels.size()];
      for (int i = 0; i < labelBytes.length; i++) {
        labelBytes[i] = (byte) (int) labels.get(i);
      }
      summary.addSplit(split, List.of(decoded.get(split)), List.of(labelBytes));
    }
    return new ImageFolderDataset(dir, sources, summary.build().toBuilder().setPixelScaling(PIXEL_SCALING).build(), readers);
  }

  /** The split's folder, whose sub-folders are the labels. */
  @Override
  public String labelsOrigin(String split) {
    return dir.resolve(split).toString();
  }

  @Override
  public SplitRecordReader reader(String split) {
    SplitRecordReader reader = readers.get(split);
    if (reader == null) {
      throw new IllegalArgumentException("an image folder has no split " + split + " (train, test)");
    }
    return reader;
  }

  private static String layout() {
    return "DIR/train/<class>/<image>.png|.jpg and DIR/test/<class>/<image>.png|.jpg, one folder per class";
  }

  private static List<String> subfolders(Path dir) {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.filter(Files::isDirectory).map(p -> p.getFileName().toString())
          .filter(n -> !n.startsWith(".")).sorted().toList();
    } catch (IOException e) {
      throw BadInputException.inFile(dir, "cannot list (" + e.getMessage() + ")");
    }
  }

  private static List<Path> images(Path dir, Path classDir) {
    if (!Files.isDirectory(classDir)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(classDir)) {
      List<Path> files = entries.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
      for (Path file : files) {
        String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!Files.isRegularFile(file) || !(lower.endsWith(".png") || lower.endsWith(".jpg") || lower.endsWith(".jpeg"))) {
          throw BadInputException.inFile(file, "is not a .png, .jpg or .jpeg file (expected " + layout() + ")");
        }
        Path real = file.toRealPath();
        if (!real.startsWith(dir.toRealPath())) {
          // The manifest records the name within the folder and the target's hash: a target elsewhere
          // would be provenance nobody can follow from the folder. Copy the file in instead. A linked
          // class or split folder leads outside as a linked file does.
          throw BadInputException.inFile(file, (Files.isSymbolicLink(file) ? "is a link to " : "is, through a linked"
              + " folder, ") + real + ", outside " + dir + "; copy the image into the folder");
        }
      }
      return files;
    } catch (IOException e) {
      throw BadInputException.inFile(classDir, "cannot list (" + e.getMessage() + ")");
    }
  }

  private static SourceFile source(Path dir, Path file) {
    try {
      return SourceFile.newBuilder()
          .setName(dir.relativize(file).toString().replace('\\', '/'))
          .setSha256(Sha256.ofFile(file))
          .setSizeBytes(Files.size(file))
          .setOrigin(file.toAbsolutePath().toUri().toString())
          .build();
    } catch (IOException e) {
      throw BadInputException.inFile(file, "cannot read (" + e.getMessage() + ")");
    }
  }
}
