package dev.bgan.stage;

import com.google.protobuf.Message;
import dev.bgan.artifact.ArtifactSpec;
import dev.bgan.artifact.ArtifactStore;
import dev.bgan.artifact.CachePolicy;
import dev.bgan.common.ConfigFields;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A stage whose parameters are the fields of one config message (its defaults, then the call's
 * parameters) and whose inputs have one role: train, train-classifier and report.
 */
public abstract class ConfigStageRunner<B extends Message.Builder> implements StageRunner {
  /** Runs the stage on its input ids and config. */
  @FunctionalInterface
  protected interface Invocation<B> {
    ArtifactStore.Produced run(ArtifactStore store, List<String> inputIds, B config, CachePolicy policy)
        throws IOException;
  }

  /** The spec of the artifact the stage would make from its input ids and config. */
  @FunctionalInterface
  protected interface Planner<B> {
    ArtifactSpec spec(List<String> inputIds, B config);
  }

  private final String name;
  private final int version;
  private final String outputKind;
  private final String inputRole;
  private final String inputRoleKind;
  private final boolean manyInputs;
  private final Supplier<B> defaults;
  private final Invocation<B> invocation;
  private final Planner<B> planner;

  /** {@code manyInputs}: the input role takes one or more artifacts rather than exactly one. */
  protected ConfigStageRunner(String name, int version, String outputKind, String inputRole, String inputRoleKind,
      boolean manyInputs, Supplier<B> defaults, Invocation<B> invocation, Planner<B> planner) {
    this.name = name;
    this.version = version;
    this.outputKind = outputKind;
    this.inputRole = inputRole;
    this.inputRoleKind = inputRoleKind;
    this.manyInputs = manyInputs;
    this.defaults = defaults;
    this.invocation = invocation;
    this.planner = planner;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final int version() {
    return version;
  }

  @Override
  public final String outputKind() {
    return outputKind;
  }

  @Override
  public final String inputKind(String role) {
    return inputRoleKind;
  }

  @Override
  public final Set<String> parameterNames() {
    return ConfigFields.names(defaults.get().getDescriptorForType());
  }

  @Override
  public final List<String> inputRoles() {
    return List.of(inputRole);
  }

  @Override
  public final Set<String> optionNames() {
    return Set.of();
  }

  @Override
  public final Set<String> repeatableInputs() {
    return manyInputs ? Set.of(inputRole) : Set.of();
  }

  @Override
  public final ArtifactStore.Produced run(StageCall call) throws IOException {
    return invocation.run(call.store(), inputIds(call), config(call), call.policy());
  }

  @Override
  public final String plannedId(StageCall call) {
    ArtifactSpec spec = planner.spec(inputIds(call), config(call));
    return spec.cacheKey().artifactId(spec.kind());
  }

  private B config(StageCall call) {
    B config = defaults.get();
    ConfigFields.setAll(config, call.params());
    return config;
  }

  private List<String> inputIds(StageCall call) {
    return manyInputs ? call.allInputs(inputRole) : List.of(call.singleInput(inputRole));
  }
}
