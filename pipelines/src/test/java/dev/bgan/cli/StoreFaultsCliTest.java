package dev.bgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bgan.testing.Mounts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line under faults of the store: two identical runs on one store in two processes, a
 * read-only store, a full file system. User-caused conditions give one line, exit 2, publish
 * nothing and leave the store verifying; two runs of one workflow both succeed and compute each
 * artifact once.
 */
class StoreFaultsCliTest {
  @TempDir Path tmp;

  private static final String PREPARE = """
        prepare:
          run: prepare
          options: {dataset: synthetic, num_points: "200", num_clusters: "2", x_dim: "10", seed: "1"}
      """;
  private static final String TRAIN = """
        train:
          run: train
          inputs: {data: prepare}
          params: {arch: fc, numz: 1, num_mcmc: 1, z_dim: 2, gf_dim: 8, df_dim: 8, batch_size: 16, train_iter: 200,
                   n_save: 100, random_seed: 1, gen_observed: 200}
      """;

  private Path workflow(String name, String... stages) throws IOException {
    Path file = tmp.resolve(name + ".yaml");
    Files.writeString(file, "name: " + name + "\nstages:\n" + String.join("", stages));
    return file;
  }

  @Test
  void twoIdenticalRunsOnOneStoreBothSucceedAndComputeEachArtifactOnce() throws Exception {
    Path file = workflow("tiny", PREPARE, TRAIN);
    Path store = tmp.resolve("store");
    Process first = bgan("first", "run", file.toString(), "--store", store.toString());
    Thread.sleep(1000);
    Process second = bgan("second", "run", file.toString(), "--store", store.toString());
    assertEquals(0, first.waitFor(), () -> log("first"));
    assertEquals(0, second.waitFor(), () -> log("second"));
    String logs = log("first") + log("second");
    for (String stage : List.of("prepare", "train")) {
      List<String> rows = logs.lines().filter(l -> l.matches(stage + " +[a-z]+-[0-9a-f]{16} +(computed|cached) .*")).toList();
      assertEquals(2, rows.size(), logs);
      assertEquals(1, rows.stream().filter(l -> l.contains(" computed ")).count(), "computed once: " + rows);
      assertEquals(1, rows.stream().filter(l -> l.contains(" cached ")).count(), "reused once: " + rows);
    }
    assertTrue(logs.contains(": waiting for process "), "a progress line says whom it waits for:\n" + logs);
    assertTrue(logs.contains(": reusing it, produced meanwhile by process "), logs);
    assertFalse(logs.contains("\tat "), logs);
    CliRun verify = CliRun.of("artifacts", "verify", "--store", store.toString()).expectSuccess();
    assertTrue(verify.out().contains("2 verified, 0 failed"), verify.out());
    assertEquals(List.of(), list(store.resolve(".tmp")));
    assertEquals(List.of(), list(store.resolve(".locks")));
    assertTrue(CliRun.of("artifacts", "gc", "--store", store.toString()).expectSuccess().out().contains("0 removed"));
  }

  @Test
  void aReadOnlyStoreIsListedVerifiedAndRunFromCacheAndRefusesWritesInOneLine() throws Exception {
    Path source = tmp.resolve("source");
    Path file = workflow("prepare-only", PREPARE);
    String id = CliRun.of("run", file.toString(), "--store", source.toString()).expectSuccess().lastLine();
    Path mount = Files.createDirectories(tmp.resolve("readonly"));
    Assumptions.assumeTrue(Mounts.run("mount", "--bind", source.toString(), mount.toString()),
        "skipped: this machine does not allow bind mounts (needs root)");
    try {
      Assumptions.assumeTrue(Mounts.run("mount", "-o", "remount,bind,ro", mount.toString()), "skipped: no read-only remount");
      String store = mount.toString();
      assertTrue(CliRun.of("artifacts", "list", "--store", store).expectSuccess().out().contains(id));
      assertTrue(CliRun.of("artifacts", "verify", "--store", store).expectSuccess().out().contains("1 verified, 0 failed"));
      assertTrue(CliRun.of("artifacts", "lineage", id, "--store", store).expectSuccess().out().startsWith(id));
      assertEquals(id, CliRun.of("run", file.toString(), "--store", store).expectSuccess().lastLine(), "a cached run reads only");
      for (List<String> write : List.of(
          List.of("prepare", "synthetic", "--num_points", "300", "--store", store),
          List.of("run", file.toString(), "--force", "prepare", "--store", store),
          List.of("artifacts", "gc", "--store", store))) {
        if (write.get(0).equals("artifacts")) {
          Files.createDirectories(source.resolve(".tmp").resolve(id + ".stale"));
        }
        CliRun run = CliRun.of(write.toArray(String[]::new));
        assertEquals(2, run.exitCode(), write + ": " + run.err());
        assertOneLine(run, "error: " + store + ": cannot write to the artifact store (read-only file system)");
      }
      assertTrue(CliRun.of("artifacts", "verify", "--store", store).expectSuccess().out().contains("1 verified, 0 failed"));
    } finally {
      Mounts.unmount(mount);
    }
  }

  @Test
  void aFullDiskIsOneLineNamingTheStoreAndTheSpaceAndPublishesNothing() throws Exception {
    Path mount = Files.createDirectories(tmp.resolve("small"));
    Assumptions.assumeTrue(Mounts.run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mount.toString()),
        "skipped: this machine does not allow mounting a tmpfs (needs root)");
    try {
      CliRun run = CliRun.of("prepare", "synthetic", "--num_points", "20000", "--x_dim", "100", "--store", mount.toString());
      assertEquals(2, run.exitCode(), run.err());
      assertOneLine(run, "error: " + mount + ": no space left on the artifact store's file system while producing dataset-");
      assertTrue(run.err().contains("it needs more than") && run.err().contains("free; nothing was published"), run.err());
      assertEquals(List.of(), list(mount.resolve(".tmp")), "the draft and Beam's scratch are removed");
      assertTrue(CliRun.of("artifacts", "verify", "--store", mount.toString()).expectSuccess().out()
          .contains("0 verified, 0 failed"));
    } finally {
      Mounts.unmount(mount);
    }
  }

  private static void assertOneLine(CliRun run, String prefix) {
    List<String> lines = run.err().lines().filter(l -> l.startsWith("error: ")).toList();
    assertEquals(1, lines.size(), run.err());
    assertTrue(lines.get(0).startsWith(prefix), run.err());
    assertFalse(run.err().contains("\tat ") || run.err().contains("Exception"), "no stack trace:\n" + run.err());
  }

  private Process bgan(String name, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        ProcessHandle.current().info().command().orElseThrow(), "-Xmx1g", "-Dai.djl.offline=true",
        "-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1", "-Djava.awt.headless=true",
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-Dorg.slf4j.simpleLogger.log.dev.bgan=info",
        "-cp", System.getProperty("java.class.path"), "dev.bgan.cli.Bgan"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(tmp.resolve(name + ".log").toFile());
    builder.environment().putAll(Map.of("OPT_OUT_TRACKING", "true", "OMP_NUM_THREADS", "1"));
    return builder.start();
  }

  private String log(String name) {
    try {
      return Files.readString(tmp.resolve(name + ".log"));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static List<Path> list(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.toList();
    }
  }

}
