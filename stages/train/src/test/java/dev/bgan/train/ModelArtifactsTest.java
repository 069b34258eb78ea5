package dev.bgan.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bgan.artifact.Artifact;
import dev.bgan.artifact.ArtifactSpec;
import dev.bgan.artifact.ArtifactStore;
import dev.bgan.artifact.CachePolicy;
import dev.bgan.common.BadInputException;
import dev.bgan.proto.ModelSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model manifest whose summary names files the model does not hold (as a hand-resealed one can:
 * the seal is a checksum) is one line when a stage reads it; a sound one passes.
 */
class ModelArtifactsTest {
  @TempDir Path root;

  /** A model of 2 generators and 2 discriminator chains saved at iterations 10 and 20, with {@code summary}. */
  private Artifact model(String name, ModelSummary summary) throws IOException {
    ArtifactStore store = ArtifactStore.open(root);
    return store.produce(ArtifactSpec.of("model", "train", TrainStage.VERSION, Map.of("name", name)),
        CachePolicy.REUSE, draft -> {
          for (int iteration : new int[] {10, 20}) {
            Path dir = Files.createDirectories(ModelLayout.sampleDir(draft.dir(), iteration));
            for (int i = 0; i < 2; i++) {
              Files.writeString(ModelLayout.generator(dir, i), "g");
              Files.writeString(ModelLayout.discriminator(dir, i, TrainStage.VERSION), "d");
            }
          }
          draft.manifest().setModel(summary);
        }).artifact();
  }

  private static ModelSummary.Builder sound() {
    return ModelSummary.newBuilder().setIterations(20).setNumGeneratorSamples(2).setNumDiscriminatorSamples(2)
        .addSavedIterations(10).addSavedIterations(20);
  }

  private String refused(String name, ModelSummary summary) throws IOException {
    Artifact model = model(name, summary);
    BadInputException e = assertThrows(BadInputException.class, () -> ModelArtifacts.summary(model));
    return e.getMessage().replace(model.id(), "ID");
  }

  @Test
  void aSummaryThatNamesFilesTheModelLacksIsOneLine() throws IOException {
    assertEquals(sound().build(), ModelArtifacts.summary(model("sound", sound().build())));
    assertEquals("model ID: its manifest is inconsistent: num_discriminator_samples names"
        + " samples/iter-000010/discriminator-02.params, which it does not hold",
        refused("chains", sound().setNumDiscriminatorSamples(3).build()));
    assertEquals("model ID: its manifest is inconsistent: num_generator_samples names"
        + " samples/iter-000010/generator-02.params, which it does not hold",
        refused("generators", sound().setNumGeneratorSamples(3).build()));
    assertEquals("model ID: its manifest is inconsistent: saved_iterations names samples/iter-000030/, which it does"
        + " not hold",
        refused("iteration", sound().setIterations(30).addSavedIterations(30).build()));
    assertEquals("model ID: its manifest is inconsistent: saved iteration 20 is beyond its 15 iterations",
        refused("beyond", sound().setIterations(15).build()));
    assertEquals("model ID: its manifest is inconsistent: saved iteration 10 does not follow 20",
        refused("order", sound().clearSavedIterations().addSavedIterations(20).addSavedIterations(10).build()));
    assertEquals("model ID: its manifest is inconsistent: has_supervised_baseline names"
        + " supervised/discriminator.params, which it does not hold",
        refused("baseline", sound().setHasSupervisedBaseline(true).build()));
    assertEquals("model ID: its manifest is inconsistent: num_generator_samples is 0",
        refused("none", sound().setNumGeneratorSamples(0).build()));
  }
}
