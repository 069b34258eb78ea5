package dev.bgan.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bgan.common.ConfigFields;
import dev.bgan.evaluate.EvaluateStage;
import dev.bgan.proto.EvaluateConfig;
import dev.bgan.proto.TrainConfig;
import dev.bgan.train.TrainConfigs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every workflow in workflows/ parses, and the parameters of its train and evaluate stages are
 * fields of their configs that validate (unknown names, bad values and refused combinations fail
 * here, not hours into a run). Nothing is trained.
 */
class WorkflowFilesTest {
  /** The repository's workflows/ (tests run in the module directory). */
  private static final Path DIR = Path.of("..", "workflows");

  static Stream<Path> workflows() throws IOException {
    try (Stream<Path> files = Files.list(DIR)) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("workflows")
  void parsesAndValidatesStageParameters(Path file) {
    Workflow workflow = Workflow.read(file);
    assertFalse(workflow.steps().isEmpty());
    for (Workflow.Step step : workflow.steps().values()) {
      switch (step.run()) {
        case "train" -> {
          TrainConfig.Builder config = TrainConfigs.defaults();
          ConfigFields.setAll(config, step.params());
          TrainConfigs.validate(config.build());
          if (workflow.sweep() != null && workflow.sweep().stage().equals(step.name())) {
            // Every grid point: the method's parameters over the stage's, with its seed and N.
            for (Sweep.Point point : workflow.sweep().points()) {
              TrainConfig.Builder run = TrainConfigs.defaults();
              ConfigFields.setAll(run, workflow.sweep().params(step.params(), point));
              TrainConfigs.validate(run.build());
            }
          }
        }
        case "evaluate" -> {
          EvaluateConfig.Builder config = EvaluateStage.defaults();
          ConfigFields.setAll(config, step.params());
          EvaluateStage.validate(config.build());
        }
        default -> { }
      }
    }
  }

  @Test
  void eachPaperWorkflowHasACpuVariantWithTheSameStages() {
    for (String dataset : List.of("mnist", "cifar10", "svhn", "celeba")) {
      Workflow paper = Workflow.read(DIR.resolve(dataset + "-paper.yaml"));
      Workflow cpu = Workflow.read(DIR.resolve(dataset + "-paper-cpu.yaml"));
      assertEquals(paper.steps().keySet(), cpu.steps().keySet(), dataset);
      for (String stage : List.of("train", "train_dcgan")) {
        TrainConfig.Builder big = TrainConfigs.defaults();
        ConfigFields.setAll(big, paper.steps().get(stage).params());
        TrainConfig.Builder small = TrainConfigs.defaults();
        ConfigFields.setAll(small, cpu.steps().get(stage).params());
        assertTrue(small.getTrainIter() <= 500 && small.getGfDim() <= 16, dataset + " " + stage + " is not CPU-sized");
        assertEquals(big.getSemiSupervised(), small.getSemiSupervised());
        assertEquals(big.getN(), small.getN());
        assertEquals(big.getMlEnsemble(), small.getMlEnsemble());
      }
    }
  }
}
