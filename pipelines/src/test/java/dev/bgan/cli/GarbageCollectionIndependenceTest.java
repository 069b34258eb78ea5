package dev.bgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bgan.testing.DigitsNpy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training must not depend on when the garbage collector runs. DJL's {@code NDArray.div(Number)}
 * backs the number with a Java buffer that the GC may free while autograd still holds it for the
 * backward pass; before the trainer's scalars were made PyTorch-owned ({@code Scalars}), every
 * training with a 2 MB young generation (a GC every few steps) gave other weights than one with
 * the default heap. Each training here runs in its own JVM, once with each heap layout.
 */
@Tag("real-data")
class GarbageCollectionIndependenceTest {
  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"--ml_ensemble 2", "--numz 2 --num_mcmc 1 --num_disc 2"})
  void weightsDoNotDependOnGarbageCollectionTiming(String variant) throws Exception {
    DigitsNpy.write(tmp);
    Path store = tmp.resolve("store");
    String data = CliRun.of("prepare", "npy", "--store", store.toString(), "--name", "digits",
        "--train-x", tmp.resolve("x_tr.npy").toString(), "--train-y", tmp.resolve("y_tr.npy").toString(),
        "--test-x", tmp.resolve("x_te.npy").toString(), "--test-y", tmp.resolve("y_te.npy").toString())
        .expectSuccess().lastLine();
    List<String> train = new ArrayList<>(List.of("train", "--data", data, "--semi_supervised", "--N", "50",
        "--train_iter", "40", "--n_save", "20", "--batch_size", "32", "--gf_dim", "4", "--df_dim", "4",
        "--lr", "0.002", "--random_seed", "3"));
    train.addAll(List.of(variant.split(" ")));
    Map<String, byte[]> usual = trainInChildJvm(store, "default", train, List.of());
    Map<String, byte[]> frequentGc = trainInChildJvm(store, "frequent-gc", train, List.of("-Xmn2m"));
    assertTrue(usual.size() >= 4, "saved samples: " + usual.keySet());
    assertEquals(usual.keySet(), frequentGc.keySet());
    for (String file : usual.keySet()) {
      assertTrue(java.util.Arrays.equals(usual.get(file), frequentGc.get(file)),
          file + " differs between a run with the default heap and one with a GC every few steps");
    }
  }

  /** Trains in a fresh JVM on a copy of the store; returns every posterior sample file's bytes by path. */
  private Map<String, byte[]> trainInChildJvm(Path store, String name, List<String> args, List<String> jvmFlags)
      throws IOException, InterruptedException {
    Path copy = tmp.resolve(name);
    try (Stream<Path> files = Files.walk(store)) {
      for (Path p : files.toList()) {
        Path target = copy.resolve(store.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
    List<String> command = new ArrayList<>(List.of(
        ProcessHandle.current().info().command().orElseThrow(), "-Xmx1g", "-Dai.djl.offline=true",
        "-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1", "-Djava.awt.headless=true",
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"));
    command.addAll(jvmFlags);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.bgan.cli.Bgan"));
    command.addAll(args);
    command.addAll(List.of("--store", copy.toString()));
    Path log = tmp.resolve(name + ".log");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(Map.of("OPT_OUT_TRACKING", "true", "OMP_NUM_THREADS", "1"));
    int exit = builder.start().waitFor();
    assertEquals(0, exit, () -> name + " training failed:\n" + readQuietly(log));
    Path model;
    try (Stream<Path> dirs = Files.list(copy)) {
      model = dirs.filter(p -> p.getFileName().toString().startsWith("model-")).findFirst().orElseThrow();
    }
    Map<String, byte[]> samples = new TreeMap<>();
    try (Stream<Path> files = Files.walk(model.resolve("samples"))) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        samples.put(model.relativize(p).toString(), Files.readAllBytes(p));
      }
    }
    return samples;
  }

  private static String readQuietly(Path log) {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
