package dev.bgan.cli;

import dev.bgan.artifact.Artifact;
import dev.bgan.artifact.Lineage;
import dev.bgan.proto.ArtifactManifest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code artifacts list} as a table, one artifact a row (MLflow's run table, {@code dvc exp show}):
 * id, kind, stage and version, when it was made and its wall time, and on request its key
 * parameters and headline metrics. Key parameters are those a stage is usually varied in (numz,
 * num_mcmc, optimizer, train_iter, random_seed, ...) plus every parameter whose value differs
 * between the listed artifacts of one stage: what tells the rows apart.
 */
final class ArtifactListing {
  /** Parameters shown for every artifact of a stage that has them. */
  static final List<String> KEY_PARAMS = List.of("dataset", "name", "numz", "num_mcmc", "optimizer", "train_iter",
      "random_seed", "N", "metrics");
  /** The metrics shown by --metrics, where an artifact has them; {@code artifacts show} prints every one. */
  static final List<String> HEADLINE_METRICS = List.of("semi_supervised_accuracy", "supervised_accuracy",
      "fid_pooled", "inception_score_pooled", "js_divergence", "modes");
  static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  private ArtifactListing() {}

  static String render(List<Artifact> artifacts, boolean params, boolean metrics) {
    Map<String, Set<String>> keysByStage = params ? keyParams(artifacts) : Map.of();
    List<String> header = new ArrayList<>(List.of("ID", "KIND", "STAGE", "CREATED (UTC)", "WALL"));
    if (params) {
      header.add("PARAMS");
    }
    if (metrics) {
      header.add("METRICS");
    }
    List<List<String>> rows = new ArrayList<>();
    rows.add(header);
    for (Artifact a : artifacts) {
      ArtifactManifest m = a.manifest();
      List<String> row = new ArrayList<>(List.of(a.id(), m.getKind(), m.getStage() + " v" + m.getStageVersion(),
          CREATED.format(Instant.ofEpochMilli(m.getTiming().getCreatedUnixMs())), seconds(m.getTiming().getWallMs())));
      if (params) {
        StringBuilder text = new StringBuilder();
        for (String key : keysByStage.getOrDefault(m.getStage(), Set.of())) {
          text.append(text.length() == 0 ? "" : " ").append(key).append('=')
              .append(Lineage.printable(m.getParamsOrDefault(key, "")));
        }
        row.add(text.toString());
      }
      if (metrics) {
        StringBuilder text = new StringBuilder();
        headlineMetrics(m).forEach((name, value) ->
            text.append(text.length() == 0 ? "" : " ").append(name).append('=').append(number(value)));
        row.add(text.toString());
      }
      rows.add(row);
    }
    return table(rows);
  }

  /** The key parameters of each stage among {@code artifacts}, in a fixed order, then the varying ones by name. */
  static Map<String, Set<String>> keyParams(List<Artifact> artifacts) {
    Map<String, List<ArtifactManifest>> byStage = new TreeMap<>();
    artifacts.forEach(a -> byStage.computeIfAbsent(a.manifest().getStage(), s -> new ArrayList<>()).add(a.manifest()));
    Map<String, Set<String>> keys = new TreeMap<>();
    byStage.forEach((stage, manifests) -> {
      Set<String> names = new java.util.LinkedHashSet<>();
      for (String key : KEY_PARAMS) {
        if (manifests.stream().anyMatch(m -> m.containsParams(key))) {
          names.add(key);
        }
      }
      Set<String> all = new TreeSet<>();
      manifests.forEach(m -> all.addAll(m.getParamsMap().keySet()));
      for (String key : all) {
        if (manifests.stream().map(m -> m.getParamsOrDefault(key, "")).distinct().count() > 1) {
          names.add(key);
        }
      }
      keys.put(stage, names);
    });
    return keys;
  }

  /** The headline metrics an artifact has, in {@link #HEADLINE_METRICS}' order. */
  static Map<String, Double> headlineMetrics(ArtifactManifest m) {
    Map<String, Double> values = new LinkedHashMap<>();
    if (m.hasMetrics()) {
      for (String name : HEADLINE_METRICS) {
        Double value = m.getMetrics().getValuesMap().get(name);
        if (value != null) {
          values.put(name, value);
        }
      }
    }
    return values;
  }

  static String number(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
        : String.format(Locale.ROOT, "%.4f", value);
  }

  static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
  }

  /** Rows as left-aligned columns two spaces apart; the last column is not padded. */
  static String table(List<List<String>> rows) {
    int columns = rows.stream().mapToInt(List::size).max().orElse(0);
    int[] width = new int[columns];
    for (List<String> row : rows) {
      for (int c = 0; c < row.size(); c++) {
        width[c] = Math.max(width[c], row.get(c).length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < row.size(); c++) {
        line.append(row.get(c));
        if (c < row.size() - 1) {
          line.append(" ".repeat(width[c] - row.get(c).length() + 2));
        }
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }
}
