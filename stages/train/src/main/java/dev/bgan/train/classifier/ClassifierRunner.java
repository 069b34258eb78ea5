package dev.bgan.train.classifier;

import dev.bgan.proto.ClassifierConfig;
import dev.bgan.stage.ConfigStageRunner;

/** The train-classifier stage for workflows and the command line: a {@code data} input, the fields of {@link ClassifierConfig}. */
public final class ClassifierRunner extends ConfigStageRunner<ClassifierConfig.Builder> {
  public ClassifierRunner() {
    super(ClassifierStage.STAGE, ClassifierStage.VERSION, ClassifierStage.KIND, "data", "dataset", false,
        ClassifierStage::defaults,
        (store, ids, config, policy) -> new ClassifierStage().run(store, ids.get(0), config.build(), policy),
        (ids, config) -> ClassifierStage.spec(ids.get(0), config.build()));
  }
}
