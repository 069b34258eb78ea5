package dev.bgan.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bgan.artifact.Artifact;
import dev.bgan.artifact.ArtifactStore;
import dev.bgan.artifact.CachePolicy;
import dev.bgan.proto.EvaluationMetrics;
import dev.bgan.proto.ReportConfig;
import dev.bgan.testing.Python;
import dev.bgan.testing.TensorBoardDecoder;
import dev.bgan.tensorboard.TensorBoardEvents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report's TensorBoard event files, read back by an independent Python decoder of the
 * TFRecord framing (lengths and masked CRC-32C) and of the Event protobuf, against the model's
 * training_log.json.
 */
class TensorBoardEventsTest {
  @TempDir Path tmp;

  @Test
  void eventFileHoldsEveryLoggedNumberPerIteration() throws Exception {
    ArtifactStore store = ArtifactStore.open(tmp.resolve("store"));
    Artifact data = UpstreamArtifacts.mnist(store);
    Artifact model = UpstreamArtifacts.model(store, data, new UpstreamArtifacts.ModelSettings(2, 2, 100, 1000, 7, true));
    EvaluationMetrics evaluation = UpstreamArtifacts.evaluation(0.9, 0.91, 0.8, 4, 2);
    Artifact metrics = UpstreamArtifacts.metrics(store, model, evaluation);
    Artifact report = new ReportStage().run(store, List.of(metrics.id()), ReportConfig.getDefaultInstance(),
        CachePolicy.REUSE).artifact();

    Path events = report.file(ReportStage.TENSORBOARD_DIR + "/" + model.id() + "/" + TensorBoardEvents.FILE_NAME);
    Path log = model.file(EvaluatedModel.TRAINING_LOG_FILE);
    String[] out = Python.run(List.of("numpy"), TensorBoardDecoder.SCRIPT, events.toString(), log.toString()).trim().split(" ");
    int entries = UpstreamArtifacts.trainingLog(new UpstreamArtifacts.ModelSettings(2, 2, 100, 1000, 7, true)).getEntriesCount();
    assertEquals(10, entries);
    assertEquals(String.valueOf(entries + 1), out[0], "a version event, then one per log entry");
    assertEquals(String.valueOf(entries), out[1]);
    assertEquals(String.valueOf(entries * 10), out[2], "ten scalars per entry");
    assertEquals(0.0, Double.parseDouble(out[3]), "each scalar is the logged number as a float");
    assertEquals(0.0, Double.parseDouble(out[4]), "wall times are 0 in a report");
    assertEquals(0.0, Double.parseDouble(out[5]));
    assertEquals(1, Files.list(events.getParent()).count());
  }
}
