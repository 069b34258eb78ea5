package dev.bgan.report;

import dev.bgan.proto.ReportConfig;
import dev.bgan.stage.ConfigStageRunner;

/** The report stage for workflows and the command line: one or more {@code metrics} inputs, the fields of {@link ReportConfig}. */
public final class ReportRunner extends ConfigStageRunner<ReportConfig.Builder> {
  public ReportRunner() {
    super(ReportStage.STAGE, ReportStage.VERSION, ReportStage.KIND, "metrics", "metrics", true,
        ReportConfig::newBuilder,
        (store, ids, config, policy) -> new ReportStage().run(store, ids, config.build(), policy),
        (ids, config) -> ReportStage.spec(ids, config.build()));
  }
}
