package dev.bgan.report;

import dev.bgan.artifact.Artifact;
import dev.bgan.artifact.ArtifactSpec;
import dev.bgan.artifact.ArtifactStore;
import dev.bgan.artifact.CachePolicy;
import dev.bgan.common.BadInputException;
import dev.bgan.proto.ReportConfig;
import dev.bgan.tensorboard.TensorBoardEvents;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Publishes a report artifact whose page, {@value #REPORT_FILE}, presents the given metrics
 * artifacts, beside the training curves of their models as TensorBoard event files under
 * {@value #TENSORBOARD_DIR}/. Both depend only on the inputs and the title, so the run cache can
 * serve them and two stores with the same inputs hold byte-identical reports.
 */
public final class ReportStage {
  public static final String KIND = "report";
  public static final String STAGE = "report";
  /** Bump when the page changes, so that cached reports are redrawn. 2: TensorBoard event files. 3: Table 1.
   * 4: ECE columns, reliability diagrams, chain diagnostics. 5: runs headed in words, sample grids scaled up,
   * a note for a chart of fewer than two points, lineage wrapped. 6: Table 1 in accuracy like every other table,
   * a run summary (training wall time, the commands that reproduce each run), TensorBoard tags grouped (loss/d, ...).
   * 7: real test images beside the sample grids, each run's non-default parameters as --set words, the class
   * histogram of generated images (metric classes), an LSGAN section, a note where a run has no sample grids.
   * 8: Table 1 keeps the K-output baselines (W-DCGAN, LSGAN, HEAD runs) out of the "Supervised only" row
   * (their own row) and names LSGAN and HEAD runs by their losses (they shared the DCGAN rows); the InfoGAN
   * section gives the continuous bound's cap of an info_fixed_std run. */
  public static final int VERSION = 8;
  public static final String REPORT_FILE = "report.html";
  /** One TensorBoard run per model, {@code tensorboard/MODEL_ID/events.out.tfevents.*}: {@code tensorboard --logdir} it. */
  public static final String TENSORBOARD_DIR = "tensorboard";
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
      // A report vouches for its rows: the models and datasets behind them must be sound too.
      store.requireSoundLineage(metricsIds);
      List<EvaluatedModel> rows = new ArrayList<>();
      RealImages realImages = new RealImages(store);
      for (Artifact artifact : metrics) {
        rows.add(EvaluatedModel.load(store, artifact, realImages));
      }
      Files.writeString(draft.dir().resolve(REPORT_FILE), ReportPage.render(title, rows), StandardCharsets.UTF_8);
      for (EvaluatedModel row : rows) {
        Path runDir = draft.dir().resolve(TENSORBOARD_DIR).resolve(row.model().id());
        if (!Files.isDirectory(runDir)) {
          TensorBoardEvents.write(row.trainingLog(), Files.createDirectories(runDir).resolve(TensorBoardEvents.FILE_NAME));
        }
      }
    });
  }
}
