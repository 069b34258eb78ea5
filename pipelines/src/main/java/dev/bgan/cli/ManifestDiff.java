package dev.bgan.cli;

import dev.bgan.artifact.Artifact;
import dev.bgan.artifact.Lineage;
import dev.bgan.proto.ArtifactManifest;
import dev.bgan.proto.InputRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code artifacts diff A B}: two manifests side by side (stage, inputs, parameters, metrics or
 * summary), each row that differs marked with {@code *} in the first column; only the rows that
 * differ with {@code --changed}. Wall time is shown but never marked: two runs of the same science
 * differ there only (STYLE.md, 1).
 */
final class ManifestDiff {
  static final String CHANGED = "*";
  static final String MISSING = "-";

  private ManifestDiff() {}

  record Result(String text, int changed) {}

  static Result render(Artifact a, Artifact b, boolean changedOnly) {
    ArtifactManifest ma = a.manifest();
    ArtifactManifest mb = b.manifest();
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of(" ", "", a.id(), b.id()));
    int[] changed = {0};
    java.util.function.BiConsumer<String, String[]> row = (name, values) -> {
      boolean differs = !values[0].equals(values[1]);
      changed[0] += differs ? 1 : 0;
      if (differs || !changedOnly) {
        rows.add(List.of(differs ? CHANGED : " ", Lineage.printable(name), Lineage.printable(values[0]),
            Lineage.printable(values[1])));
      }
    };
    row.accept("kind", new String[] {ma.getKind(), mb.getKind()});
    row.accept("stage", new String[] {ma.getStage() + " v" + ma.getStageVersion(), mb.getStage() + " v" + mb.getStageVersion()});
    row.accept("code", new String[] {ma.getCode().getVersion() + " @ " + ma.getCode().getGitCommit(),
        mb.getCode().getVersion() + " @ " + mb.getCode().getGitCommit()});
    compare(row, "env ", environment(ma), environment(mb));
    if (!changedOnly) { // shown, never marked: two runs of the same science differ in their timing only
      rows.add(List.of(" ", "wall", ArtifactListing.seconds(ma.getTiming().getWallMs()),
          ArtifactListing.seconds(mb.getTiming().getWallMs())));
    }
    compare(row, "input ", inputs(ma), inputs(mb));
    compare(row, "param ", new TreeMap<>(ma.getParamsMap()), new TreeMap<>(mb.getParamsMap()));
    compare(row, "", summary(ma), summary(mb));
    StringBuilder out = new StringBuilder(ArtifactListing.table(rows));
    out.append(changed[0] == 0 ? "no differences\n" : changed[0] + " differ" + (changed[0] == 1 ? "s" : "") + "\n");
    return new Result(out.toString(), changed[0]);
  }

  private static void compare(java.util.function.BiConsumer<String, String[]> row, String prefix,
      Map<String, String> a, Map<String, String> b) {
    Set<String> keys = new TreeSet<>(a.keySet());
    keys.addAll(b.keySet());
    for (String key : keys) {
      row.accept(prefix + key, new String[] {a.getOrDefault(key, MISSING), b.getOrDefault(key, MISSING)});
    }
  }

  private static Map<String, String> environment(ArtifactManifest m) {
    var e = m.getEnvironment();
    Map<String, String> fields = new TreeMap<>();
    fields.put("java", e.getJavaVersion());
    fields.put("os", e.getOs() + " " + e.getArch());
    fields.put("processors", Integer.toString(e.getAvailableProcessors()));
    fields.put("engine", e.getEngine().isEmpty() ? "" : "DJL " + e.getDjlVersion() + " " + e.getEngine() + " " + e.getEngineVersion());
    fields.put("device", e.getDevice());
    fields.put("threads", Integer.toString(e.getIntraOpThreads()));
    fields.put("cpu", e.getCpu());
    return fields;
  }

  private static Map<String, String> inputs(ArtifactManifest m) {
    Map<String, String> inputs = new TreeMap<>();
    for (InputRef input : m.getInputsList()) {
      inputs.put(input.getRole(), input.getId());
    }
    return inputs;
  }

  private static Map<String, String> summary(ArtifactManifest m) {
    Map<String, String> values = new TreeMap<>();
    for (List<String> row : ManifestSummary.summary(m)) {
      values.put((m.hasMetrics() ? "metric " : "summary ") + row.get(0), row.get(1));
    }
    return values;
  }
}
