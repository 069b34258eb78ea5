package dev.bgan.prepare.celeba;

import dev.bgan.common.BadInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code Anno/list_attr_celeba.txt}: a line with the number of images, a line with the 40
 * attribute names, then per image its file name and 40 values of 1 or -1, separated by blanks.
 * Every defect is a one-line error naming the file and the line.
 */
public record CelebaAttributes(List<String> names, List<String> images, long[] bits) {
  public static final int COUNT = 40;

  public CelebaAttributes {
    names = List.copyOf(names);
    images = List.copyOf(images);
  }

  /** Whether image {@code i} has attribute {@code attribute} (value 1). */
  public boolean has(int image, int attribute) {
    return (bits[image] >>> attribute & 1) == 1;
  }

  public static CelebaAttributes read(Path file) {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String countLine = in.readLine();
      int count = parseCount(file, countLine);
      String header = in.readLine();
      if (header == null) {
        throw BadInputException.inFile(file, "line 2: missing (expected the " + COUNT + " attribute names)");
      }
      List<String> names = List.of(fields(header));
      if (names.size() != COUNT) {
        throw BadInputException.inFile(file, "line 2: expected " + COUNT + " attribute names, got " + names.size());
      }
      List<String> images = new ArrayList<>(count);
      long[] bits = new long[count];
      Set<String> seen = new HashSet<>();
      int lineNumber = 2;
      for (String line; (line = in.readLine()) != null; ) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        String[] f = fields(line);
        if (f.length != COUNT + 1) {
          throw BadInputException.inFile(file, "line " + lineNumber + ": expected an image name and " + COUNT
              + " values, got " + f.length + " columns");
        }
        if (images.size() == count) {
          throw BadInputException.inFile(file, "line " + lineNumber + ": more images than the " + count
              + " line 1 declares");
        }
        if (!seen.add(f[0])) {
          throw BadInputException.inFile(file, "line " + lineNumber + ": " + f[0] + " is listed twice");
        }
        long row = 0;
        for (int a = 0; a < COUNT; a++) {
          switch (f[a + 1]) {
            case "1" -> row |= 1L << a;
            case "-1" -> { }
            default -> throw BadInputException.inFile(file, "line " + lineNumber + ": " + names.get(a) + " of "
                + f[0] + " is '" + f[a + 1] + "', expected 1 or -1");
          }
        }
        bits[images.size()] = row;
        images.add(f[0]);
      }
      if (images.size() != count) {
        throw BadInputException.inFile(file, "line 1 declares " + count + " images, but attribute lines follow for "
            + images.size());
      }
      return new CelebaAttributes(names, images, bits);
    } catch (NoSuchFileException e) {
      throw BadInputException.inFile(file, "not found (the CelebA attribute file)");
    } catch (IOException e) {
      throw BadInputException.inFile(file, "cannot read (" + e.getMessage() + ")");
    }
  }

  private static int parseCount(Path file, String line) {
    try {
      int count = Integer.parseInt(line == null ? "" : line.strip());
      if (count < 1) {
        throw new NumberFormatException();
      }
      return count;
    } catch (NumberFormatException e) {
      throw BadInputException.inFile(file, "line 1: expected the number of images, got '"
          + (line == null ? "" : line.strip()) + "'");
    }
  }

  private static String[] fields(String line) {
    String stripped = line.strip();
    return stripped.isEmpty() ? new String[0] : stripped.split("\\s+");
  }
}
