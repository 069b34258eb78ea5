package dev.bgan.prepare.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bgan.artifact.ArtifactStore;
import dev.bgan.artifact.CachePolicy;
import dev.bgan.common.BadInputException;
import dev.bgan.stage.StageCall;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dataset table is what the runner accepts and refuses: one row a dataset, its options and no other. */
class DatasetsTest {
  @TempDir Path storeDir;

  @Test
  void theRunnerTakesTheTablesOptionsAndTheBeamRunnersAndNoOther() {
    Set<String> expected = new TreeSet<>(Set.of("dataset", "runner", "flink-master", "parallelism"));
    Datasets.ALL.forEach(d -> expected.addAll(d.options()));
    assertEquals(expected, new PrepareRunner().optionNames());
    assertEquals(Set.of("runner", "flink-master", "parallelism", "source", "size", "attributes", "cascade"),
        PrepareRunner.optionNames("celeba"));
    assertEquals(Set.of("runner", "flink-master", "parallelism", "train-x", "train-y", "test-x", "test-y", "name"),
        PrepareRunner.optionNames("npy"));
  }

  @Test
  void namesAreUniqueAndSortedAndSvhnExtraIsNoCommandOfItsOwn() {
    List<String> names = Datasets.ALL.stream().map(Datasets.Dataset::name).toList();
    assertEquals(new TreeSet<>(names).stream().toList(), names);
    assertEquals(List.of("celeba", "cifar10", "fashion-mnist", "folder", "mnist", "npy", "svhn", "synthetic"),
        Datasets.commands().stream().map(Datasets.Dataset::name).toList());
    assertTrue(Datasets.find("svhn_extra").isPresent());
  }

  @Test
  void anOptionOfAnotherDatasetIsRefusedByName() {
    BadInputException e = assertThrows(BadInputException.class,
        () -> new PrepareRunner().check(call(Map.of("dataset", "mnist", "num_points", "5"))));
    assertEquals("parameter num_points: is not an option of prepare mnist (got 5)", e.getMessage());
    e = assertThrows(BadInputException.class,
        () -> new PrepareRunner().check(call(Map.of("dataset", "synthetic", "name", "x"))));
    assertEquals("parameter name: is not an option of prepare synthetic (got x)", e.getMessage());
  }

  @Test
  void checkParsesTheDatasetsOwnOptionsWithoutReadingFiles() {
    new PrepareRunner().check(call(Map.of("dataset", "synthetic", "num_points", "40", "seed", "3")));
    BadInputException e = assertThrows(BadInputException.class,
        () -> new PrepareRunner().check(call(Map.of("dataset", "synthetic", "num_points", "-1"))));
    assertEquals("parameter num_points: must be >= 0 (got -1)", e.getMessage());
    e = assertThrows(BadInputException.class,
        () -> new PrepareRunner().check(call(Map.of("dataset", "npy", "train-x", "a.npy"))));
    assertTrue(e.getMessage().startsWith("parameter train-y: the npy dataset needs --train-x"), e.getMessage());
  }

  private StageCall call(Map<String, String> options) {
    return new StageCall(ArtifactStore.open(storeDir), Map.of(), Map.of(), options, CachePolicy.REUSE);
  }
}
