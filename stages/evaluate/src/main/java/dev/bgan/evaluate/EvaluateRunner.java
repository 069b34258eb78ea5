package dev.bgan.evaluate;

import dev.bgan.artifact.ArtifactSpec;
import dev.bgan.artifact.ArtifactStore;
import dev.bgan.common.ConfigFields;
import dev.bgan.proto.EvaluateConfig;
import dev.bgan.stage.StageCall;
import dev.bgan.stage.StageRunner;
import dev.bgan.train.classifier.ClassifierStage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The evaluate stage: a {@code model} input, and the feature network of FID and IS, either an
 * optional {@code classifier} input (a train-classifier artifact, which a workflow can wire to a
 * stage) or the {@code feature-net} option (a TorchScript file, hashed into the cache key).
 */
public final class EvaluateRunner implements StageRunner {
  static final String MODEL = "model";
  static final String FEATURE_NET = "feature-net";

  @Override
  public String name() {
    return EvaluateStage.STAGE;
  }

  @Override
  public int version() {
    return EvaluateStage.VERSION;
  }

  @Override
  public List<String> inputRoles() {
    return List.of(MODEL, FeatureNetworkChoice.ROLE);
  }

  @Override
  public Set<String> optionalInputs() {
    return Set.of(FeatureNetworkChoice.ROLE);
  }

  @Override
  public String outputKind() {
    return "metrics";
  }

  @Override
  public String inputKind(String role) {
    return role.equals(MODEL) ? "model" : ClassifierStage.KIND;
  }

  @Override
  public Set<String> parameterNames() {
    return ConfigFields.names(EvaluateConfig.getDescriptor());
  }

  @Override
  public Set<String> optionNames() {
    return Set.of(FEATURE_NET);
  }

  @Override
  public ArtifactStore.Produced run(StageCall call) throws IOException {
    return new EvaluateStage().run(call.store(), call.singleInput(MODEL), network(call), config(call), call.policy());
  }

  @Override
  public String plannedId(StageCall call) {
    ArtifactSpec spec = EvaluateStage.spec(call.singleInput(MODEL), network(call), config(call));
    return spec.cacheKey().artifactId(spec.kind());
  }

  private static EvaluateConfig config(StageCall call) {
    EvaluateConfig.Builder config = EvaluateStage.defaults();
    ConfigFields.setAll(config, call.params());
    return config.build();
  }

  private static FeatureNetworkChoice network(StageCall call) {
    String file = call.options().get(FEATURE_NET);
    String classifier = call.inputs().containsKey(FeatureNetworkChoice.ROLE)
        ? call.singleInput(FeatureNetworkChoice.ROLE) : null;
    return new FeatureNetworkChoice(classifier, file == null ? null : Path.of(file));
  }
}
