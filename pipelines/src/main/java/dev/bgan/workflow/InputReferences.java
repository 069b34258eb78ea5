package dev.bgan.workflow;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Resolves the input references of a workflow step: each reference, per input role, names a stage
 * of the workflow (replaced by that stage's artifact ids once it has run) or is an artifact id
 * (kept as it is, like a name whose stage has not run). The one place where workflow runs, sweep
 * plans, sweep workers and sweep reports turn references into artifact ids.
 */
public final class InputReferences {
  private InputReferences() {}

  /**
   * The references with every name of a stage in {@code ids} replaced by that stage's artifact id;
   * roles in their order, references in theirs.
   */
  public static Map<String, List<String>> resolve(Map<String, List<String>> refs, Map<String, String> ids) {
    return resolve(refs, ref -> Collections.singletonList(ids.getOrDefault(ref, ref)));
  }

  /**
   * The references with each replaced by the ids {@code idsOf} gives it, in order: a reference
   * may stand for several artifacts (a swept stage stands for its artifact of every run).
   */
  public static Map<String, List<String>> resolve(Map<String, List<String>> refs,
      Function<String, List<String>> idsOf) {
    Map<String, List<String>> resolved = new LinkedHashMap<>();
    refs.forEach((role, names) -> resolved.put(role, names.stream().flatMap(ref -> idsOf.apply(ref).stream()).toList()));
    return resolved;
  }
}
