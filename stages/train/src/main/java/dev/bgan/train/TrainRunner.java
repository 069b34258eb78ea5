package dev.bgan.train;

import dev.bgan.proto.TrainConfig;
import dev.bgan.stage.ConfigStageRunner;

/** The train stage for workflows and the command line: a {@code data} input, the fields of {@link TrainConfig}. */
public final class TrainRunner extends ConfigStageRunner<TrainConfig.Builder> {
  public TrainRunner() {
    super(TrainStage.STAGE, TrainStage.VERSION, "model", "data", "dataset", false, TrainConfigs::defaults,
        (store, ids, config, policy) -> new TrainStage().run(store, ids.get(0), config.build(), policy),
        (ids, config) -> TrainStage.spec(ids.get(0), config.build()));
  }
}
