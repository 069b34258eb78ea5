package dev.bgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bgan.artifact.ArtifactStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code report --force} on metrics whose dataset was corrupted after the fact: one line naming the
 * corrupt dataset and whose lineage it is in, exit 2, and nothing published (the earlier report is
 * still there, unchanged, and no draft is left).
 */
class ReportLineageCliTest {
  @TempDir Path tmp;

  private static final String WORKFLOW = """
      name: tiny
      stages:
        prepare:
          run: prepare
          options: {dataset: synthetic, num_points: "200", num_clusters: "2", x_dim: "10", seed: "1"}
        train:
          run: train
          inputs: {data: prepare}
          params: {arch: fc, numz: 1, num_mcmc: 1, z_dim: 2, gf_dim: 8, df_dim: 8, batch_size: 16, train_iter: 20,
                   n_save: 10, random_seed: 1, gen_observed: 200}
        evaluate:
          run: evaluate
          inputs: {model: train}
          params: {num_fake_points: 50, num_real_points: 100}
        report:
          run: report
          inputs: {metrics: [evaluate]}
      """;

  @Test
  void reportForceOnACorruptDatasetIsOneLineNamingItAndPublishesNothing() throws IOException {
    Path file = tmp.resolve("tiny.yaml");
    Files.writeString(file, WORKFLOW);
    Path store = tmp.resolve("store");
    CliRun run = CliRun.of("run", file.toString(), "--store", store.toString()).expectSuccess();
    Map<String, String> ids = ids(run.out());
    String data = ids.get("prepare");
    String metrics = ids.get("evaluate");
    String report = ids.get("report");
    assertTrue(data.startsWith("dataset-") && metrics.startsWith("metrics-") && report.startsWith("report-"), run.out());

    Path shard;
    try (Stream<Path> files = Files.list(store.resolve(data).resolve("data"))) {
      shard = files.filter(p -> p.getFileName().toString().endsWith(".tfrecord")).sorted().findFirst().orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(shard);
    bytes[bytes.length / 2] ^= 0x01;
    Files.write(shard, bytes);
    Path reportManifest = store.resolve(report).resolve("manifest.pb");
    byte[] before = Files.readAllBytes(reportManifest);

    CliRun forced = CliRun.of("report", "--metrics-ids", metrics, "--force", "--store", store.toString());
    assertEquals(2, forced.exitCode(), forced.out() + forced.err());
    List<String> errors = forced.err().lines().filter(l -> l.startsWith("error: ")).toList();
    assertEquals(1, errors.size(), forced.err());
    assertTrue(errors.get(0).startsWith("error: artifact " + data + ": SHA-256 mismatch in data/"), errors.get(0));
    assertTrue(errors.get(0).endsWith("(it is in the lineage of " + metrics + ")"), errors.get(0));
    assertFalse(forced.err().contains("\tat ") || forced.err().contains("Exception"), forced.err());
    assertFalse(forced.out().contains("report-"), "no report id printed: " + forced.out());

    assertTrue(Files.isDirectory(store.resolve(report)), "the earlier report stays");
    assertEquals(List.of(report), list(store).stream().filter(n -> n.startsWith("report-")).toList());
    assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(reportManifest)), "the earlier report is unchanged");
    assertEquals(List.of(), list(store.resolve(".tmp")).stream().filter(n -> n.startsWith(report)).toList());
    ArtifactStore artifacts = ArtifactStore.open(store);
    assertTrue(artifacts.verify(report).ok(), "the earlier report still verifies");
    CliRun verify = CliRun.of("artifacts", "verify", "--store", store.toString());
    assertTrue(verify.out().contains("3 verified, 1 failed"), verify.out() + verify.err());
  }

  /** Stage name to artifact id, from the run summary's rows ("prepare  dataset-...  computed ..."). */
  private static Map<String, String> ids(String out) {
    Pattern row = Pattern.compile("^(\\S+) +([a-z]+-[0-9a-f]{16}) +(computed|cached)\\b.*$", Pattern.MULTILINE);
    Matcher m = row.matcher(out);
    Map<String, String> ids = new java.util.LinkedHashMap<>();
    while (m.find()) {
      ids.put(m.group(1), m.group(2));
    }
    return ids;
  }

  private static List<String> list(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }
}
