package dev.bgan.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bgan.artifact.ArtifactStore;
import dev.bgan.common.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile workflow files are refused when read, before any stage runs, in one line that names the
 * file, the stage and the key, suggests what a near miss meant and names no Java class.
 */
class WorkflowCheckTest {
  @TempDir Path dir;

  /** The quickstart's shape, with the line {@code from} replaced by {@code to}. */
  private Path workflow(String from, String to) throws IOException {
    String text = """
        name: hostile
        stages:
          prepare:
            run: prepare
            options:
              dataset: mnist
          train:
            run: train
            inputs:
              data: prepare
            params:
              numz: 2
              train_iter: 10
          evaluate:
            run: evaluate
            inputs:
              model: train
          report:
            run: report
            inputs:
              metrics: [evaluate]
        """;
    assertTrue(text.contains(from), from);
    Path file = dir.resolve("hostile.yaml");
    Files.writeString(file, text.replace(from, to));
    return file;
  }

  static Stream<Arguments> hostileFiles() {
    return Stream.of(
        Arguments.of("duplicate key", "      numz: 2", "      numz: 1\n      numz: 2", "line 13: duplicate key 'numz'"),
        Arguments.of("unknown parameter", "      numz: 2", "      numzz: 2", "stage train: params: unknown parameter 'numzz' of train (did you mean 'numz'?); accepted: N, "),
        Arguments.of("bad value", "      numz: 2", "      numz: two", "stage train: parameter numz: expected a whole number"),
        Arguments.of("refused combination", "      numz: 2", "      numz: 0", "stage train: parameter numz: must be >= 1"),
        Arguments.of("unknown stage", "    run: evaluate", "    run: evalute", "stage evaluate: run: unknown stage 'evalute' (did you mean 'evaluate'?); known: evaluate, prepare, report, train, train-classifier"),
        Arguments.of("unknown option", "      dataset: mnist", "      dataset: mnist\n      sorce: /data", "stage prepare: options: unknown option 'sorce' of prepare (did you mean 'source'?); accepted: "),
        Arguments.of("option under params", "      numz: 2", "      numz: 2\n      runner: flink", "stage train: params: unknown parameter 'runner' of train"),
        Arguments.of("parameter under options", "      dataset: mnist", "      dataset: mnist\n      num_shards: 2", "stage prepare: options: unknown option 'num_shards' of prepare ('num_shards' is a parameter: put it under params:)"),
        Arguments.of("prepare option as parameter", "    run: prepare", "    run: prepare\n    params:\n      train_x: a.npy", "stage prepare: params: unknown parameter 'train_x' of prepare (did you mean the option 'train-x'? put it under options:); accepted: dataset, num_shards"),
        Arguments.of("unknown dataset", "      dataset: mnist", "      dataset: mnits", "stage prepare: parameter dataset: unknown dataset"),
        Arguments.of("unknown top-level key", "name: hostile", "name: hostile\nstage_count: 4", "the top level: unknown key 'stage_count'; accepted: name, description, stages, sweep"),
        Arguments.of("unknown stage key", "    run: train", "    run: train\n    param: {numz: 3}", "stage train: unknown key 'param' (did you mean 'params'?); accepted: run, params, options, inputs"),
        Arguments.of("unknown input role", "      data: prepare", "      dat: prepare", "stage train: inputs: train has no input 'dat' (did you mean 'data'?); accepted: data"),
        Arguments.of("wrong input kind", "      model: train", "      model: prepare", "stage evaluate: inputs: model needs a model artifact, but 'prepare' is a stage that makes a dataset"),
        Arguments.of("wrong input id kind", "      model: train", "      model: metrics-0123456789abcdef", "stage evaluate: inputs: model needs a model artifact, but 'metrics-0123456789abcdef' is a metrics"),
        Arguments.of("missing input", "      data: prepare", "      {}", "stage train: inputs: train needs its 'data' input (dataset)"),
        Arguments.of("two inputs for one", "      data: prepare", "      data: [prepare, prepare]", "stage train: inputs: data takes one artifact, got 2"),
        Arguments.of("list as a value", "      numz: 2", "      numz: [1, 2]", "stage train: params: numz must be a single value")
    );
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileFiles")
  void isRefusedWhenReadNamingFileStageAndKey(String name, String from, String to, String expected) throws IOException {
    Path file = workflow(from, to);
    BadInputException e = assertThrows(BadInputException.class, () -> Workflow.read(file));
    assertTrue(e.getMessage().startsWith(file + ": " + expected), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    assertFalse(e.getMessage().matches(".*(Config\\b|Exception|java\\.).*"), "names a Java class: " + e.getMessage());
  }

  @Test
  void aSweepMethodsParametersAndEveryGridPointAreChecked() throws IOException {
    Path file = workflow("name: hostile", """
        name: hostile
        sweep:
          seeds: [1, 2]
          N: [100]
          methods:
            bayes: {numz: 2}
            ml: {numzz: 1}""");
    BadInputException e = assertThrows(BadInputException.class, () -> Workflow.read(file));
    assertTrue(e.getMessage().startsWith(file + ": sweep method ml: params: unknown parameter 'numzz' of train (did you mean"),
        e.getMessage());
  }

  @Test
  void overridesAreCheckedBeforeAnyStageRuns(@TempDir Path storeDir) throws IOException {
    Workflow workflow = Workflow.read(workflow("      numz: 2", "      numz: 2"));
    WorkflowRunner runner = new WorkflowRunner(ArtifactStore.open(storeDir));
    BadInputException e = assertThrows(BadInputException.class, () -> runner.run(workflow,
        new WorkflowRunner.Request(List.of("evaluate.metrics=fid"), List.of(), null, null, Set.of())));
    assertEquals("workflow hostile, stage evaluate: parameter metrics: fid, is, class_accuracy and classes need a feature"
        + " network: give --classifier ID or --feature-net FILE (got fid)", e.getMessage());
    e = assertThrows(BadInputException.class, () -> runner.run(workflow,
        new WorkflowRunner.Request(List.of("train.numzz=3"), List.of(), null, null, Set.of())));
    assertTrue(e.getMessage().startsWith("workflow hostile, stage train: unknown parameter 'numzz' (did you mean 'numz'?)"),
        e.getMessage());
    e = assertThrows(BadInputException.class, () -> runner.run(workflow,
        new WorkflowRunner.Request(List.of(), List.of("evaluate.model=dataset-0123456789abcdef"), null, null, Set.of())));
    assertEquals("--input evaluate.model=dataset-0123456789abcdef: model needs a model artifact, not a dataset",
        e.getMessage());
    assertEquals(List.of(), ArtifactStore.open(storeDir).list(), "nothing ran");
  }
}
