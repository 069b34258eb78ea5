package dev.bgan.cli;

import dev.bgan.artifact.Artifact;
import dev.bgan.artifact.ArtifactStore;
import dev.bgan.proto.ArtifactManifest;
import dev.bgan.report.ReportStage;
import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine;

/** What commands print on standard output; the artifact id produced is always the last line. */
final class Output {
  private Output() {}

  static void printProduced(CommandLine cmd, String stage, ArtifactStore.Produced produced) {
    PrintWriter out = cmd.getOut();
    ArtifactManifest manifest = produced.artifact().manifest();
    if (manifest.hasDataset() && manifest.getDataset().getWarningsCount() > 0) {
      manifest.getDataset().getWarningsList().forEach(w -> cmd.getErr().println("warning: " + w));
      cmd.getErr().flush();
    }
    out.printf("%s: %s (%s)%n", stage, produced.artifact().id(), produced.cached() ? "cached" : "computed");
    printDetails(out, produced.artifact());
    out.println(produced.artifact().id());
    out.flush();
  }

  /** The headline numbers of a metrics artifact, or where a report's page is. */
  static void printDetails(PrintWriter out, Artifact artifact) {
    ArtifactManifest m = artifact.manifest();
    if (m.getKind().equals(ReportStage.KIND)) {
      out.println("  report: " + artifact.file(ReportStage.REPORT_FILE));
    }
    if (m.hasMetrics()) {
      for (Map.Entry<String, Double> e : new TreeMap<>(m.getMetrics().getValuesMap()).entrySet()) {
        out.printf("  %s = %.4f%n", e.getKey(), e.getValue());
      }
    }
  }
}
