package dev.bgan.report;

import dev.bgan.artifact.ArtifactSpec;
import dev.bgan.artifact.ArtifactStore;
import dev.bgan.artifact.CachePolicy;
import dev.bgan.proto.ReportConfig;
import dev.bgan.stage.ConfigStageRunner;
import java.io.IOException;
import java.util.List;

/** The report stage for workflows and the command line: one or more {@code metrics} inputs, the fields of {@link ReportConfig}. */
public final class ReportRunner extends ConfigStageRunner<ReportConfig.Builder> {
  public ReportRunner() {
    super(ReportStage.STAGE, ReportStage.VERSION, ReportStage.KIND, "metrics", "metrics", true, ReportConfig::newBuilder);
  }

  @Override
  protected ArtifactStore.Produced run(ArtifactStore store, List<String> inputIds, ReportConfig.Builder config,
      CachePolicy policy) throws IOException {
    return new ReportStage().run(store, inputIds, config.build(), policy);
  }

  @Override
  protected ArtifactSpec spec(List<String> inputIds, ReportConfig.Builder config) {
    return ReportStage.spec(inputIds, config.build());
  }
}
