package dev.bgan.prepare.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bgan.artifact.ArtifactStore;
import dev.bgan.artifact.CachePolicy;
import dev.bgan.common.BadInputException;
import dev.bgan.stage.StageCall;
import dev.bgan.testing.RealMnist;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("real-data")
class PrepareRunnerTest {
  @TempDir Path storeDir;

  @Test
  void paramsAndOptionsMakeTheRequest() throws IOException {
    ArtifactStore store = ArtifactStore.open(storeDir);
    ArtifactStore.Produced produced = new PrepareRunner().run(call(store, Map.of("num_shards", "2"),
        Map.of("dataset", "mnist", "source", RealMnist.dir().toString())));
    assertEquals(Map.of("dataset", "mnist", "num_shards", "2"), produced.artifact().manifest().getParamsMap());
    assertEquals(2, produced.artifact().manifest().getDataset().getSplits(0).getShardFilesCount());
  }

  @Test
  void unknownDatasetIsOneLine() {
    ArtifactStore store = ArtifactStore.open(storeDir);
    BadInputException e = assertThrows(BadInputException.class,
        () -> new PrepareRunner().run(call(store, Map.of(), Map.of("dataset", "cifar100"))));
    assertEquals("parameter dataset: unknown dataset (known: celeba, cifar10, fashion-mnist, folder, mnist, npy, svhn, svhn_extra, synthetic) (got cifar100)", e.getMessage());
  }

  @Test
  void downloadMustBeABoolean() {
    ArtifactStore store = ArtifactStore.open(storeDir);
    BadInputException e = assertThrows(BadInputException.class,
        () -> new PrepareRunner().run(call(store, Map.of(), Map.of("dataset", "mnist", "download", "maybe"))));
    assertEquals("parameter download: must be true or false (got maybe)", e.getMessage());
  }

  @Test
  void celebaSizeMustBe32Or50(@TempDir Path storeDir) {
    ArtifactStore store = ArtifactStore.open(storeDir);
    for (String size : List.of("64", "fifty")) {
      BadInputException e = assertThrows(BadInputException.class, () -> new PrepareRunner().run(call(store, Map.of(),
          Map.of("dataset", "celeba", "size", size, "source", storeDir.toString()))));
      assertEquals("parameter size: must be 32 (HEAD) or 50 (ORIG) (got " + size + ")", e.getMessage());
    }
  }

  private static StageCall call(ArtifactStore store, Map<String, String> params, Map<String, String> options) {
    return new StageCall(store, params, Map.of(), options, CachePolicy.REUSE);
  }
}
