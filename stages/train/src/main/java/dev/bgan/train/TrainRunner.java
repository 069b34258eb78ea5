package dev.bgan.train;

import dev.bgan.artifact.ArtifactSpec;
import dev.bgan.artifact.ArtifactStore;
import dev.bgan.artifact.CachePolicy;
import dev.bgan.proto.TrainConfig;
import dev.bgan.stage.ConfigStageRunner;
import java.io.IOException;
import java.util.List;

/** The train stage for workflows and the command line: a {@code data} input, the fields of {@link TrainConfig}. */
public final class TrainRunner extends ConfigStageRunner<TrainConfig.Builder> {
  public TrainRunner() {
    super(TrainStage.STAGE, TrainStage.VERSION, "model", "data", "dataset", false, TrainConfigs::defaults);
  }

  @Override
  protected ArtifactStore.Produced run(ArtifactStore store, List<String> inputIds, TrainConfig.Builder config,
      CachePolicy policy) throws IOException {
    return new TrainStage().run(store, inputIds.get(0), config.build(), policy);
  }

  @Override
  protected ArtifactSpec spec(List<String> inputIds, TrainConfig.Builder config) {
    return TrainStage.spec(inputIds.get(0), config.build());
  }
}
