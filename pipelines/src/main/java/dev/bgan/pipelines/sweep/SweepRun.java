package dev.bgan.pipelines.sweep;

import java.io.Serializable;
import java.util.List;

/** One element of a sweep: the run's name (its grid point) and its stages, in order. */
public record SweepRun(String key, List<StageInvocation> stages) implements Serializable {
  private static final long serialVersionUID = 1L;

  public SweepRun {
    stages = List.copyOf(stages);
  }
}
