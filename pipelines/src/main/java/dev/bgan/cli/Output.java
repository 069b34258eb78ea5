package dev.bgan.cli;

import dev.bgan.artifact.ArtifactStore;
import dev.bgan.proto.ArtifactManifest;
import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine;

/** What commands print on standard output; the artifact id produced is always the last line. */
final class Output {
  private Output() {}

  static void printProduced(CommandLine cmd, String stage, ArtifactStore.Produced produced) {
    PrintWriter out = cmd.getOut();
    ArtifactManifest m = produced.artifact().manifest();
    out.printf("%s: %s (%s)%n", stage, produced.artifact().id(), produced.cached() ? "cached" : "computed");
    printMetrics(out, m);
    if (m.getKind().equals("report")) {
      out.println("report: " + produced.artifact().file("report.html"));
    }
    out.println(produced.artifact().id());
    out.flush();
  }

  static void printMetrics(PrintWriter out, ArtifactManifest m) {
    if (m.hasMetrics()) {
      for (Map.Entry<String, Double> e : new TreeMap<>(m.getMetrics().getValuesMap()).entrySet()) {
        out.printf("  %s = %.4f%n", e.getKey(), e.getValue());
      }
    }
  }
}
