package dev.bgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bgan.artifact.ArtifactStore;
import dev.bgan.testing.Python;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code prepare npy} on labels a model cannot learn from: one warning line on standard error naming
 * the labels file, the dataset published all the same with the warning in its manifest, and the
 * warning printed again when the artifact is reused.
 */
class PrepareWarningsCliTest {
  @TempDir Path tmp;

  /** Four files written by numpy: 8x8 images of 0..16, the labels given. */
  private static final String WRITE = """
      import os, sys, numpy as np
      d, train, test = sys.argv[1], eval(sys.argv[2]), eval(sys.argv[3])
      os.makedirs(d)
      rng = np.random.default_rng(5)
      np.save(d + '/x_tr.npy', rng.integers(0, 17, (len(train), 8, 8)))
      np.save(d + '/y_tr.npy', np.array(train, dtype=np.int64))
      np.save(d + '/x_te.npy', rng.integers(0, 17, (len(test), 8, 8)))
      np.save(d + '/y_te.npy', np.array(test, dtype=np.int64))
      """;

  private CliRun prepare(String name, String train, String test) {
    Path dir = tmp.resolve(name);
    if (!dir.toFile().exists()) {
      Python.run(List.of("numpy"), WRITE, dir.toString(), train, test);
    }
    return CliRun.of("prepare", "npy", "--train-x", dir.resolve("x_tr.npy").toString(), "--train-y",
        dir.resolve("y_tr.npy").toString(), "--test-x", dir.resolve("x_te.npy").toString(), "--test-y",
        dir.resolve("y_te.npy").toString(), "--store", tmp.resolve("store").toString()).expectSuccess();
  }

  private static List<String> warnings(CliRun run) {
    assertFalse(run.err().contains("\tat ") || run.err().contains("Exception"), run.err());
    return run.err().lines().filter(l -> l.startsWith("warning: ")).toList();
  }

  @Test
  void testOnlyLabelsAndOneTrainClassAreOneWarningLineEachAndRecordedInTheManifest() {
    String testOnly = tmp.resolve("test_only/y_te.npy") + ": test labels 11, 12 never occur in train: no model can"
        + " learn them; the dataset publishes 13 classes";
    CliRun first = prepare("test_only", "[c % 11 for c in range(22)]", "[0, 11, 12, 3]");
    assertEquals(List.of("warning: " + testOnly), warnings(first));
    assertTrue(first.out().contains("(computed)"), first.out());
    String id = first.lastLine();
    ArtifactStore store = ArtifactStore.open(tmp.resolve("store"));
    assertEquals(List.of(testOnly), store.require(id, "dataset").manifest().getDataset().getWarningsList());

    CliRun again = prepare("test_only", "", "");
    assertEquals(id, again.lastLine());
    assertTrue(again.out().contains("(cached)"), again.out());
    assertEquals(List.of("warning: " + testOnly), warnings(again), "a reused dataset warns as well");

    CliRun oneClass = prepare("one_class", "[4] * 9", "[4, 4]");
    assertEquals(List.of("warning: " + tmp.resolve("one_class/y_tr.npy") + ": every train label is 4: one class is"
        + " fine for unsupervised training, but semi-supervised training needs at least 2 and will refuse it"),
        warnings(oneClass));

    CliRun sound = prepare("sound", "[c % 3 for c in range(9)]", "[2, 1, 0]");
    assertEquals(List.of(), warnings(sound));
    assertTrue(store.require(sound.lastLine(), "dataset").manifest().getDataset().getWarningsList().isEmpty());
    assertTrue(CliRun.of("artifacts", "verify", "--store", tmp.resolve("store").toString()).expectSuccess().out()
        .contains("3 verified, 0 failed"));
  }
}
