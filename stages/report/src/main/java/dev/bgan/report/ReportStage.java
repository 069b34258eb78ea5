package dev.bgan.report;

import dev.bgan.artifact.Artifact;
import dev.bgan.artifact.ArtifactSpec;
import dev.bgan.artifact.ArtifactStore;
import dev.bgan.artifact.CachePolicy;
import dev.bgan.common.BadInputException;
import dev.bgan.proto.ReportConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Publishes a report artifact whose one payload file, {@value #REPORT_FILE}, presents the given
 * metrics artifacts. The page depends only on the inputs and the title, so the run cache can
 * serve it and two stores with the same inputs hold byte-identical reports.
 */
public final class ReportStage {
  public static final String KIND = "report";
  public static final String STAGE = "report";
  /** Bump when the page changes, so that cached reports are redrawn. */
  public static final int VERSION = 1;
  public static final String REPORT_FILE = "report.html";
  public static final String DEFAULT_TITLE = "Bayesian GAN reproduction";

  /** What the report of {@code metricsIds} under {@code config} is made from; nothing is read. */
  public static ArtifactSpec spec(List<String> metricsIds, ReportConfig config) {
    if (metricsIds.isEmpty()) {
      throw new BadInputException("the report needs at least one metrics artifact");
    }
    ArtifactSpec spec = ArtifactSpec.of(KIND, STAGE, VERSION, Map.of("title", title(config)));
    for (int i = 0; i < metricsIds.size(); i++) {
      String id = metricsIds.get(i);
      if (metricsIds.indexOf(id) != i) {
        // Each row links to its own lineage section; a repeated id would give two rows one anchor.
        throw new BadInputException("metrics artifact " + id + " is listed twice");
      }
      spec = spec.withInput("metrics[" + i + "]", id);
    }
    return spec;
  }

  private static String title(ReportConfig config) {
    return config.getTitle().isEmpty() ? DEFAULT_TITLE : config.getTitle();
  }

  public ArtifactStore.Produced run(ArtifactStore store, List<String> metricsIds, ReportConfig config, CachePolicy policy)
      throws IOException {
    ArtifactSpec spec = spec(metricsIds, config);
    String title = title(config);
    List<Artifact> metrics = new ArrayList<>();
    for (String id : metricsIds) {
      metrics.add(store.require(id, "metrics"));
    }
    return store.produce(spec, policy, draft -> {
      List<EvaluatedModel> rows = new ArrayList<>();
      for (Artifact artifact : metrics) {
        rows.add(EvaluatedModel.load(store, artifact));
      }
      Files.writeString(draft.dir().resolve(REPORT_FILE), ReportPage.render(title, rows), StandardCharsets.UTF_8);
    });
  }
}
