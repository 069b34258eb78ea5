package dev.bgan.cli;

import dev.bgan.artifact.Artifact;
import dev.bgan.artifact.Lineage;
import dev.bgan.proto.ArtifactManifest;
import dev.bgan.proto.Environment;
import dev.bgan.proto.SplitSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * {@code artifacts show ID}: an artifact's manifest for people: kind, stage, when and where it was
 * made (code version, environment with CPU), inputs, raw sources, every parameter, payload files
 * and its summary (metrics, dataset splits, model iterations). {@code manifest.json} beside the
 * payload has the whole manifest.
 */
final class ManifestSummary {
  private ManifestSummary() {}

  static String render(Artifact artifact) {
    ArtifactManifest m = artifact.manifest();
    StringBuilder out = new StringBuilder();
    line(out, "id", artifact.id());
    line(out, "kind", m.getKind());
    line(out, "stage", m.getStage() + " v" + m.getStageVersion());
    line(out, "created", ArtifactListing.CREATED.format(Instant.ofEpochMilli(m.getTiming().getCreatedUnixMs()))
        + " UTC, wall " + ArtifactListing.seconds(m.getTiming().getWallMs()));
    line(out, "code", m.getCode().getVersion() + " @ " + m.getCode().getGitCommit());
    line(out, "environment", environment(m.getEnvironment()));
    if (!m.getEnvironment().getCpu().isEmpty()) {
      line(out, "cpu", m.getEnvironment().getCpu());
    }
    line(out, "directory", artifact.dir().toString());
    section(out, "inputs", m.getInputsList().stream()
        .map(i -> List.of(i.getRole(), i.getId(), i.getKind())).toList());
    section(out, "sources", m.getSourcesList().stream()
        .map(s -> List.of(s.getName(), s.getSizeBytes() + " bytes", "sha256 " + s.getSha256(), "from " + s.getOrigin()))
        .toList());
    section(out, "params", new TreeMap<>(m.getParamsMap()).entrySet().stream()
        .map(e -> List.of(e.getKey(), e.getValue())).toList());
    section(out, "files", m.getFilesList().stream()
        .map(f -> List.of(f.getPath(), f.getSizeBytes() + " bytes", "sha256 " + f.getSha256().substring(0, 16) + "..."))
        .toList());
    section(out, "summary", summary(m));
    return out.toString();
  }

  static String environment(Environment e) {
    List<String> parts = new ArrayList<>();
    if (!e.getJavaVersion().isEmpty()) {
      parts.add("java " + e.getJavaVersion());
    }
    if (!e.getOs().isEmpty()) {
      parts.add(e.getOs() + " " + e.getArch());
    }
    if (e.getAvailableProcessors() > 0) {
      parts.add(e.getAvailableProcessors() + " processors");
    }
    if (!e.getEngine().isEmpty()) {
      parts.add("DJL " + e.getDjlVersion() + " " + e.getEngine() + " " + e.getEngineVersion());
    }
    if (!e.getDevice().isEmpty()) {
      parts.add("device " + e.getDevice());
    }
    if (e.getIntraOpThreads() > 0) {
      parts.add(e.getIntraOpThreads() + " intra-op threads");
    }
    return parts.isEmpty() ? "(not recorded)" : String.join(", ", parts);
  }

  /** The kind's summary as name/value rows: metrics, dataset splits, model iterations. */
  static List<List<String>> summary(ArtifactManifest m) {
    List<List<String>> rows = new ArrayList<>();
    if (m.hasMetrics()) {
      new TreeMap<>(m.getMetrics().getValuesMap())
          .forEach((name, value) -> rows.add(List.of(name, ArtifactListing.number(value))));
    } else if (m.hasDataset()) {
      var d = m.getDataset();
      rows.add(List.of("name", d.getName()));
      rows.add(List.of("shape", d.getKind() == dev.bgan.proto.DatasetSummary.Kind.POINTS
          ? d.getPointDimension() + " values a point"
          : d.getHeight() + "x" + d.getWidth() + "x" + d.getChannels() + ", pixels " + d.getPixelMin() + ".." + d.getPixelMax()));
      rows.add(List.of("classes", Integer.toString(d.getNumClasses())));
      for (SplitSummary split : d.getSplitsList()) {
        rows.add(List.of(split.getName(), split.getCount() + " records"));
      }
    } else if (m.hasModel()) {
      var s = m.getModel();
      rows.add(List.of("iterations", Integer.toString(s.getIterations())));
      rows.add(List.of("sampler", dev.bgan.train.SamplerPhases.describe(m.getParamsMap())));
      rows.add(List.of("generator samples", Integer.toString(s.getNumGeneratorSamples())));
      rows.add(List.of("discriminator samples", Integer.toString(s.getNumDiscriminatorSamples())));
      rows.add(List.of("saved iterations", s.getSavedIterationsList().toString()));
      rows.add(List.of("labeled examples", Integer.toString(s.getLabeledIndicesCount())));
    } else if (m.hasClassifier()) {
      var c = m.getClassifier();
      rows.add(List.of("architecture", c.getArchitecture()));
      rows.add(List.of("classes", Integer.toString(c.getNumClasses())));
      rows.add(List.of("feature_dim", Integer.toString(c.getFeatureDim())));
      if (c.getTestAccuracyCount() > 0) {
        rows.add(List.of("test accuracy", ArtifactListing.number(c.getTestAccuracy(c.getTestAccuracyCount() - 1))));
      }
    }
    return rows;
  }

  private static void line(StringBuilder out, String name, String value) {
    out.append(String.format("%-12s %s%n", name, Lineage.printable(value)));
  }

  private static void section(StringBuilder out, String name, List<List<String>> rows) {
    out.append(name).append(rows.isEmpty() ? ": none\n" : ":\n");
    if (rows.isEmpty()) {
      return;
    }
    List<List<String>> printable = rows.stream()
        .map(r -> r.stream().map(Lineage::printable).toList()).toList();
    ArtifactListing.table(printable).lines().forEach(l -> out.append("  ").append(l).append('\n'));
  }
}
