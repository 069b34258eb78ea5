package dev.bgan.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bgan.stage.StageRunner;
import org.junit.jupiter.api.Test;

/** {@code --set STAGE.KEY=VALUE} takes either spelling of KEY, as the command line does. */
class SetSpellingTest {
  @Test
  void keysAreSpelledAsTheStageDeclaresThem() {
    StageRunner prepare = StageRunners.get("prepare");
    assertEquals("train-x", WorkflowRunner.spelledAsDeclared(prepare, "train_x"));
    assertEquals("train-x", WorkflowRunner.spelledAsDeclared(prepare, "train-x"));
    assertEquals("num_points", WorkflowRunner.spelledAsDeclared(prepare, "num-points"));
    assertEquals("flink-master", WorkflowRunner.spelledAsDeclared(prepare, "flink_master"));
    StageRunner train = StageRunners.get("train");
    assertEquals("num_mcmc", WorkflowRunner.spelledAsDeclared(train, "num-mcmc"));
    assertEquals("train_iter", WorkflowRunner.spelledAsDeclared(train, "train_iter"));
  }
}
