package dev.bgan.stage;

import dev.bgan.artifact.ArtifactStore;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/** Runs one kind of stage from a {@link StageCall}. */
public interface StageRunner {
  /** The name workflows use in {@code run:}. */
  String name();

  /** The stage version this code produces (a manifest's {@code stage_version}). */
  int version();

  /** Input roles, in the order the stage's command takes them. */
  List<String> inputRoles();

  /** Option names (not parameters) the stage accepts. */
  Set<String> optionNames();

  /** Input roles that take several artifacts (the others take exactly one). */
  default Set<String> repeatableInputs() {
    return Set.of();
  }

  /** Input roles that may be left out. */
  default Set<String> optionalInputs() {
    return Set.of();
  }

  /** Options that are switches: given alone on the command line they mean "true". */
  default Set<String> flagOptions() {
    return Set.of();
  }

  /** The kind of artifact the stage produces (dataset, model, classifier, metrics, report). */
  String outputKind();

  /** The kind of artifact an input role takes. */
  String inputKind(String role);

  /** The parameters (config fields) the stage accepts, sorted. */
  Set<String> parameterNames();

  /**
   * Checks a call's parameters, options and input roles as a run would, without reading the store
   * or hashing raw files, so that a workflow is refused before any of its stages runs; the input
   * ids may be placeholders. Throws {@link dev.bgan.common.BadInputException} naming the key.
   */
  default void check(StageCall call) throws IOException {
    plannedId(call);
  }

  ArtifactStore.Produced run(StageCall call) throws IOException;

  /**
   * The id of the artifact this call would produce or reuse, without running the stage: it needs
   * only the parameters and input ids (and, for prepare, the raw files' hashes), so the inputs
   * need not exist yet.
   */
  String plannedId(StageCall call) throws IOException;
}
