package dev.bgan.artifact;

import java.util.List;

/** What {@code artifacts verify} found: nothing (ok) or one line per problem. */
public record Verification(String id, List<String> problems) {
  public Verification {
    problems = List.copyOf(problems);
  }

  public boolean ok() {
    return problems.isEmpty();
  }

  public String summary() {
    return ok() ? id + ": ok" : id + ": " + String.join("; ", problems);
  }
}
