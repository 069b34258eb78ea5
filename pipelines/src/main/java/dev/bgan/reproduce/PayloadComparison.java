package dev.bgan.reproduce;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.util.Pair;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import dev.bgan.artifact.Artifact;
import dev.bgan.proto.PayloadFile;
import dev.bgan.train.TorchRuntime;
import dev.bgan.train.nn.TensorFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Two artifacts of one id compared file by file: the SHA-256 each manifest records, and for a file
 * that differs, by how much: per tensor of a tensor file ({@code .params}: the largest absolute
 * difference and how many elements differ), per value of {@code metrics.json} (old and new), the
 * sizes and the first differing byte of any other file.
 */
public final class PayloadComparison {
  /** Lines of detail shown per differing file; the rest are counted. */
  static final int MAX_DETAIL_LINES = 20;
  static final String METRICS_FILE = "metrics.json";

  /** One payload file: whether the two agree, and for one that differs, how. */
  public record FileResult(String path, boolean same, List<String> details) {}

  private PayloadComparison() {}

  static List<FileResult> compare(Artifact original, Artifact reproduced) throws IOException {
    Map<String, PayloadFile> before = byPath(original);
    Map<String, PayloadFile> after = byPath(reproduced);
    List<FileResult> results = new ArrayList<>();
    for (String path : union(before.keySet(), after.keySet())) {
      PayloadFile a = before.get(path);
      PayloadFile b = after.get(path);
      if (a == null) {
        results.add(new FileResult(path, false, List.of("only in the reproduction (" + b.getSizeBytes() + " bytes)")));
      } else if (b == null) {
        results.add(new FileResult(path, false, List.of("only in the original (" + a.getSizeBytes() + " bytes)")));
      } else if (a.getSha256().equals(b.getSha256())) {
        results.add(new FileResult(path, true, List.of()));
      } else {
        results.add(new FileResult(path, false, describe(path, original.file(path), reproduced.file(path))));
      }
    }
    return results;
  }

  private static Map<String, PayloadFile> byPath(Artifact artifact) {
    Map<String, PayloadFile> files = new LinkedHashMap<>();
    artifact.manifest().getFilesList().forEach(f -> files.put(f.getPath(), f));
    return files;
  }

  private static List<String> describe(String path, Path original, Path reproduced) throws IOException {
    List<String> lines;
    if (path.endsWith(".params")) {
      lines = tensors(original, reproduced);
    } else if (path.equals(METRICS_FILE) || path.endsWith("/" + METRICS_FILE)) {
      lines = jsonValues(original, reproduced);
    } else {
      lines = new ArrayList<>();
    }
    if (lines.isEmpty()) {
      lines = new ArrayList<>(List.of(bytes(original, reproduced)));
    }
    if (lines.size() > MAX_DETAIL_LINES) {
      int more = lines.size() - MAX_DETAIL_LINES;
      lines = new ArrayList<>(lines.subList(0, MAX_DETAIL_LINES));
      lines.add("... and " + more + " more");
    }
    return lines;
  }

  /** Per tensor, by name: the largest absolute difference and the count of elements that differ. */
  static List<String> tensors(Path original, Path reproduced) throws IOException {
    List<String> lines = new ArrayList<>();
    try (NDManager manager = TorchRuntime.engine().newBaseManager()) {
      Map<String, NDArray> before = byName(TensorFile.read(original, manager));
      Map<String, NDArray> after = byName(TensorFile.read(reproduced, manager));
      int differing = 0;
      for (String name : union(before.keySet(), after.keySet())) {
        NDArray a = before.get(name);
        NDArray b = after.get(name);
        if (a == null || b == null) {
          lines.add("tensor " + name + ": only in the " + (a == null ? "reproduction" : "original"));
          differing++;
        } else if (!a.getShape().equals(b.getShape()) || a.getDataType() != b.getDataType()) {
          lines.add("tensor " + name + ": " + a.getDataType() + a.getShape() + " vs " + b.getDataType() + b.getShape());
          differing++;
        } else {
          NDArray x = a.toType(DataType.FLOAT64, false);
          NDArray y = b.toType(DataType.FLOAT64, false);
          long count = x.neq(y).sum().toType(DataType.INT64, false).getLong();
          if (count > 0) {
            double max = x.sub(y).abs().max().getDouble();
            lines.add(String.format(Locale.ROOT, "tensor %s: max |difference| %.3g, %d of %d elements differ",
                name, max, count, a.size()));
            differing++;
          }
        }
      }
      lines.add(0, differing + " of " + union(before.keySet(), after.keySet()).size() + " tensors differ");
    }
    return lines;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new TreeSet<>(a);
    all.addAll(b);
    return all;
  }

  private static Map<String, NDArray> byName(List<Pair<String, NDArray>> tensors) {
    Map<String, NDArray> map = new LinkedHashMap<>();
    tensors.forEach(t -> map.put(t.getKey(), t.getValue()));
    return map;
  }

  /** Every value of two JSON files (metrics.json) that differs, by its path: old -> new. */
  static List<String> jsonValues(Path original, Path reproduced) throws IOException {
    Map<String, String> before = new TreeMap<>();
    Map<String, String> after = new TreeMap<>();
    try {
      flatten("", JsonParser.parseString(Files.readString(original, StandardCharsets.UTF_8)), before);
      flatten("", JsonParser.parseString(Files.readString(reproduced, StandardCharsets.UTF_8)), after);
    } catch (RuntimeException e) {
      return List.of(); // not JSON after all: compared as bytes
    }
    List<String> lines = new ArrayList<>();
    for (String key : union(before.keySet(), after.keySet())) {
      String a = before.getOrDefault(key, "(absent)");
      String b = after.getOrDefault(key, "(absent)");
      if (!a.equals(b)) {
        lines.add("metric " + key + ": " + a + " -> " + b);
      }
    }
    return lines;
  }

  private static void flatten(String prefix, JsonElement element, Map<String, String> out) {
    if (element.isJsonObject()) {
      element.getAsJsonObject().entrySet().forEach(e ->
          flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out));
    } else if (element.isJsonArray()) {
      for (int i = 0; i < element.getAsJsonArray().size(); i++) {
        flatten(prefix + "[" + i + "]", element.getAsJsonArray().get(i), out);
      }
    } else {
      out.put(prefix, element.isJsonNull() ? "null" : element.getAsString());
    }
  }

  /** Sizes, and where the bytes first differ. */
  static String bytes(Path original, Path reproduced) throws IOException {
    long a = Files.size(original);
    long b = Files.size(reproduced);
    long first = -1;
    try (InputStream x = new java.io.BufferedInputStream(Files.newInputStream(original));
        InputStream y = new java.io.BufferedInputStream(Files.newInputStream(reproduced))) {
      for (long offset = 0; ; offset++) {
        int p = x.read();
        int q = y.read();
        if (p != q) {
          first = offset;
          break;
        }
        if (p < 0) {
          break;
        }
      }
    }
    return a + " vs " + b + " bytes" + (first >= 0 ? ", first difference at byte " + first : "");
  }
}
