package dev.bgan.train.classifier;

import dev.bgan.artifact.ArtifactSpec;
import dev.bgan.artifact.ArtifactStore;
import dev.bgan.artifact.CachePolicy;
import dev.bgan.proto.ClassifierConfig;
import dev.bgan.stage.ConfigStageRunner;
import java.io.IOException;
import java.util.List;

/** The train-classifier stage for workflows and the command line: a {@code data} input, the fields of {@link ClassifierConfig}. */
public final class ClassifierRunner extends ConfigStageRunner<ClassifierConfig.Builder> {
  public ClassifierRunner() {
    super(ClassifierStage.STAGE, ClassifierStage.VERSION, ClassifierStage.KIND, "data", "dataset", false, ClassifierStage::defaults);
  }

  @Override
  protected ArtifactStore.Produced run(ArtifactStore store, List<String> inputIds, ClassifierConfig.Builder config,
      CachePolicy policy) throws IOException {
    return new ClassifierStage().run(store, inputIds.get(0), config.build(), policy);
  }

  @Override
  protected ArtifactSpec spec(List<String> inputIds, ClassifierConfig.Builder config) {
    return ClassifierStage.spec(inputIds.get(0), config.build());
  }
}
