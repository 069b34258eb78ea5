package dev.bgan.prepare.celeba;

import dev.bgan.common.BadInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which photo goes to which split, with which label, before any face is looked for. The split is
 * that of {@code Eval/list_eval_partition.txt} (0 train, 1 val, 2 test) when the folder has it;
 * otherwise the official partition by image number, which that file encodes: 000001-162770
 * train, 162771-182637 val, the rest test. Val is kept as its own split (the official protocol
 * selects models on it); training and evaluation read train and test.
 */
public record CelebaListing(Map<String, List<String>> images, Map<String, byte[]> labels) {
  public static final List<String> SPLITS = List.of("train", "val", "test");
  static final int LAST_TRAIN = 162_770;
  static final int LAST_VAL = 182_637;

  public static CelebaListing of(CelebaFiles files, CelebaAttributes table, CelebaLabels labels) {
    Map<String, Integer> partition = files.partition().map(p -> readPartition(p, table)).orElse(null);
    Map<String, List<String>> images = new LinkedHashMap<>();
    Map<String, List<Integer>> splitLabels = new LinkedHashMap<>();
    SPLITS.forEach(s -> {
      images.put(s, new ArrayList<>());
      splitLabels.put(s, new ArrayList<>());
    });
    for (int i = 0; i < table.images().size(); i++) {
      String name = table.images().get(i);
      String split = SPLITS.get(partition != null ? partition.get(name) : byNumber(files, name));
      images.get(split).add(name);
      splitLabels.get(split).add(labels.label(table, i));
    }
    Map<String, byte[]> labelBytes = new LinkedHashMap<>();
    splitLabels.forEach((split, list) -> {
      byte[] bytes = new byte[list.size()];
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = (byte) (int) list.get(i);
      }
      labelBytes.put(split, bytes);
    });
    return new CelebaListing(images, labelBytes);
  }

  private static int byNumber(CelebaFiles files, String name) {
    if (!name.matches("\\d{6}\\.jpg")) {
      throw BadInputException.inFile(files.dir().resolve(CelebaFiles.PARTITION), "not found, and " + name
          + " is not a CelebA file name (NNNNNN.jpg) whose number gives its split");
    }
    int number = Integer.parseInt(name.substring(0, 6));
    return number <= LAST_TRAIN ? 0 : number <= LAST_VAL ? 1 : 2;
  }

  /** "NAME P" lines, P in 0..2, for exactly the images of the attribute file. */
  private static Map<String, Integer> readPartition(Path file, CelebaAttributes table) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw BadInputException.inFile(file, "cannot read (" + e.getMessage() + ")");
    }
    Map<String, Integer> partition = new HashMap<>();
    for (int n = 0; n < lines.size(); n++) {
      String line = lines.get(n).strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] f = line.split("\\s+");
      if (f.length != 2 || !f[1].matches("[012]")) {
        throw BadInputException.inFile(file, "line " + (n + 1) + ": expected an image name and 0, 1 or 2, got '"
            + line + "'");
      }
      if (partition.put(f[0], Integer.parseInt(f[1])) != null) {
        throw BadInputException.inFile(file, "line " + (n + 1) + ": " + f[0] + " is listed twice");
      }
    }
    for (String name : table.images()) {
      if (!partition.containsKey(name)) {
        throw BadInputException.inFile(file, name + " is in " + CelebaFiles.ATTRIBUTES + " but not here");
      }
    }
    if (partition.size() != table.images().size()) {
      Set<String> listed = new HashSet<>(table.images());
      String extra = partition.keySet().stream().filter(n -> !listed.contains(n)).sorted().findFirst()
          .orElseThrow();
      throw BadInputException.inFile(file, extra + " is here but not in " + CelebaFiles.ATTRIBUTES);
    }
    return partition;
  }
}
