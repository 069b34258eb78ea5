package dev.bgan.pipelines.sweep;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * One stage of a sweep run as a worker launches it: the stage's command ({@code run}), its
 * parameters and options, and per input role the artifact ids it reads, or the names of earlier
 * stages of the same run, whose ids the worker learns as they finish.
 */
public record StageInvocation(String step, String run, Map<String, String> params, Map<String, String> options,
    Map<String, List<String>> inputs) implements Serializable {
  private static final long serialVersionUID = 1L;

  public StageInvocation {
    // Immutable copies; the JDK's immutable collections are serializable, as Beam's coder needs.
    params = Map.copyOf(params);
    options = Map.copyOf(options);
    inputs = Map.copyOf(inputs);
  }
}
