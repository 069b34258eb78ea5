package dev.bgan.stage;

import dev.bgan.artifact.ArtifactStore;
import dev.bgan.artifact.CachePolicy;
import dev.bgan.common.BadInputException;
import java.util.List;
import java.util.Map;

/**
 * One invocation of a stage: config fields by name ({@code params}, which enter the cache key),
 * input artifact ids by role, and {@code options}: where raw files are read from, and choices that
 * a dataset turns into its own name or parameters (SVHN's extra images, CelebA's crop size), so
 * that they too enter the cache key.
 */
public record StageCall(
    ArtifactStore store,
    Map<String, String> params,
    Map<String, List<String>> inputs,
    Map<String, String> options,
    CachePolicy policy) {

  public StageCall {
    params = Map.copyOf(params);
    inputs = Map.copyOf(inputs);
    options = Map.copyOf(options);
  }

  public StageCall withPolicy(CachePolicy cachePolicy) {
    return new StageCall(store, params, inputs, options, cachePolicy);
  }

  public String singleInput(String role) {
    List<String> ids = inputs.getOrDefault(role, List.of());
    if (ids.size() != 1) {
      throw new BadInputException("expected exactly one '" + role + "' input, got " + ids.size());
    }
    return ids.get(0);
  }

  public List<String> allInputs(String role) {
    List<String> ids = inputs.getOrDefault(role, List.of());
    if (ids.isEmpty()) {
      throw new BadInputException("expected at least one '" + role + "' input");
    }
    return ids;
  }
}
