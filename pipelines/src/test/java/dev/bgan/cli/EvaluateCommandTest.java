package dev.bgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bgan.artifact.ArtifactSpec;
import dev.bgan.artifact.ArtifactStore;
import dev.bgan.evaluate.EvaluateStage;
import dev.bgan.evaluate.FeatureNetworkChoice;
import dev.bgan.testing.StoreAssertions;
import dev.bgan.train.classifier.ClassifierStage;
import dev.bgan.workflow.Workflow;
import dev.bgan.workflow.WorkflowRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evaluate command's feature network: the optional classifier input and the feature-net option. */
class EvaluateCommandTest {
  private static final String MODEL = "model-0123456789abcdef";
  private static final String DATA = "dataset-0123456789abcdef";

  @TempDir Path tmp;

  @Test
  void aMissingFeatureNetFileIsOneLineNamingItExitTwoAndNothingPublished() throws IOException {
    Path store = tmp.resolve("store");
    Path missing = tmp.resolve("pt_inception.pt");
    CliRun run = CliRun.of("evaluate", "--model", MODEL, "--metrics", "fid,is", "--feature-net", missing.toString(),
        "--store", store.toString());
    assertEquals(2, run.exitCode(), run.out() + run.err());
    List<String> lines = run.err().strip().lines().toList();
    assertEquals(1, lines.size(), run.err());
    assertTrue(lines.get(0).contains(missing + ": no such feature network file"), run.err());
    StoreAssertions.assertNothingPublished(ArtifactStore.open(store));
  }

  @Test
  void fidWithoutANetworkAndANetworkWithoutFidAreRefused() {
    CliRun none = CliRun.of("evaluate", "--model", MODEL, "--metrics", "fid", "--store", tmp.resolve("s").toString());
    assertEquals(2, none.exitCode());
    assertTrue(none.err().contains("--classifier ID or --feature-net FILE"), none.err());
    CliRun unused = CliRun.of("evaluate", "--model", MODEL, "--classifier", "classifier-0123456789abcdef",
        "--store", tmp.resolve("s").toString());
    assertEquals(2, unused.exitCode());
    assertTrue(unused.err().contains("only fid, is, class_accuracy and classes use one"), unused.err());
  }

  @Test
  void aWorkflowWiresTheClassifierStageIntoEvaluate() throws IOException {
    Path file = Files.writeString(tmp.resolve("fid.yaml"), String.join("\n",
        "name: fid",
        "stages:",
        "  classifier:",
        "    run: train-classifier",
        "    inputs: {data: " + DATA + "}",
        "    params: {epochs: 1}",
        "  evaluate:",
        "    run: evaluate",
        "    inputs: {model: " + MODEL + ", classifier: classifier}",
        "    params: {metrics: 'fid,is,grid', num_samples: 500}",
        ""));
    Map<String, String> ids = new WorkflowRunner(ArtifactStore.open(tmp.resolve("store")))
        .plan(Workflow.read(file), WorkflowRunner.Request.all()).stream()
        .collect(Collectors.toMap(WorkflowRunner.PlannedStage::stage, WorkflowRunner.PlannedStage::id));
    ArtifactSpec classifier = ClassifierStage.spec(DATA, ClassifierStage.defaults().setEpochs(1).build());
    String classifierId = classifier.cacheKey().artifactId(classifier.kind());
    ArtifactSpec metrics = EvaluateStage.spec(MODEL, FeatureNetworkChoice.classifier(classifierId),
        EvaluateStage.defaults().setMetrics("grid,fid,is").setNumSamples(500).build());
    assertEquals(classifierId, ids.get("classifier"));
    assertEquals(metrics.cacheKey().artifactId("metrics"), ids.get("evaluate"));
  }
}
