package dev.bgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bgan.artifact.Artifact;
import dev.bgan.artifact.ArtifactStore;
import dev.bgan.proto.PayloadFile;
import dev.bgan.testing.Python;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * {@code bgan sweep} on scikit-learn's digits: 2 seeds x 3 methods, each run's train and evaluate
 * in child JVMs, on the DirectRunner and on embedded Flink.
 */
@Tag("real-data")
class SweepCommandTest {
  private static final String METHODS = """
      bayes: {numz: 2, num_mcmc: 1}
      dcgan: {ml_ensemble: 1}
      ensemble: {ml_ensemble: 2}
      """;

  /** Table 1 from the store's manifests and metrics.json, independently: label|N|mean|se|seeds per cell. */
  private static final String TABLE1 = """
      import json, os, sys, numpy as np
      store = sys.argv[1]
      def manifest(i):
          return json.load(open(os.path.join(store, i, 'manifest.json')))
      cells = {}
      for d in sorted(os.listdir(store)):
          if not d.startswith('metrics-'):
              continue
          m = manifest(d)
          model = manifest([i['id'] for i in m['inputs'] if i['role'] == 'model'][0])
          p = model['params']
          acc = json.load(open(os.path.join(store, d, 'metrics.json')))
          k = int(p['ml_ensemble'])
          label = ('DCGAN ensemble (K = %d)' % k if k > 1 else 'DCGAN' if k == 1
                   else 'Bayesian GAN (J = %s, M = %s)' % (p['numz'], p['num_mcmc']))
          n, seed = int(p['N']), int(p['random_seed'])
          cells.setdefault((label, n), {}).setdefault(seed, []).append(100 * (1 - acc.get('semi_supervised_accuracy', 0.0)))
          if p['supervised_baseline'] == 'true':
              cells.setdefault(('Supervised only', n), {}).setdefault(seed, []).append(100 * (1 - acc.get('supervised_accuracy', 0.0)))
      for (label, n), seeds in sorted(cells.items()):
          e = np.array([np.mean(v) for s, v in sorted(seeds.items())])
          se = e.std(ddof=1) / np.sqrt(len(e)) if len(e) > 1 else float('nan')
          print('%s|%d|%r|%r|%d' % (label, n, float(e.mean()), float(se), len(e)))
      """;

  @TempDir Path tmp;

  @Test
  void flinkGivesTheDirectRunnersArtifactsAndTable1MatchesNumpy() throws Exception {
    Path workflow = DigitsSweep.write(tmp, "digits-sweep", "[1, 2]", METHODS);
    Path direct = tmp.resolve("direct");
    Path flink = tmp.resolve("flink");
    CliRun onDirect = CliRun.of("sweep", workflow.toString(), "--store", direct.toString(), "--parallelism", "2",
        "--threads", "1")
        .expectSuccess();
    CliRun onFlink = CliRun.of("sweep", workflow.toString(), "--store", flink.toString(), "--runner", "flink",
        "--flink-master", "[local]", "--parallelism", "2", "--threads", "1").expectSuccess();
    assertTrue(onDirect.out().contains("6 runs (0 cached, 6 computed, 0 failed)"), onDirect.out());
    assertTrue(onFlink.out().contains("6 runs (0 cached, 6 computed, 0 failed)"), onFlink.out());

    Map<String, List<PayloadFile>> fromDirect = payloads(direct);
    Map<String, List<PayloadFile>> fromFlink = payloads(flink);
    assertEquals(6, fromDirect.keySet().stream().filter(id -> id.startsWith("model-")).count(), fromDirect.keySet().toString());
    assertEquals(6, fromDirect.keySet().stream().filter(id -> id.startsWith("metrics-")).count());
    // Same ids (same parameters and inputs) and the same bytes in every payload file. This caught the
    // trainer's dependence on GC timing (see GarbageCollectionIndependenceTest).
    assertEquals(fromDirect, fromFlink);
    assertEquals(onDirect.lastLine(), onFlink.lastLine());

    // A second sweep launches nothing.
    CliRun again = CliRun.of("sweep", workflow.toString(), "--store", direct.toString()).expectSuccess();
    assertTrue(again.out().contains("6 runs (6 cached, 0 computed, 0 failed)"), again.out());
    assertEquals(onDirect.lastLine(), again.lastLine());

    String html = Files.readString(ArtifactStore.open(direct).find(onDirect.lastLine()).orElseThrow()
        .file("report.html"), StandardCharsets.UTF_8);
    Document page = parse(html);
    List<String> expected = Python.run(List.of("numpy"), TABLE1, direct.toString()).lines().toList();
    assertEquals(4, expected.size(), "supervised, DCGAN, ensemble, Bayesian GAN at N = 50: " + expected);
    assertEquals(expected.size(), nodes(page, "//table[@id='results']/tbody/tr/td[@data-mean]").size());
    for (String line : expected) {
      String[] f = line.split("\\|");
      double mean = Double.parseDouble(f[2]);
      double se = Double.parseDouble(f[3]);
      List<Element> cells = nodes(page, "//table[@id='results']/tbody/tr[@data-method='" + f[0] + "']/td[@data-n='" + f[1] + "']");
      assertEquals(1, cells.size(), line);
      Element cell = cells.get(0);
      // The script computes the paper's test error; the page shows accuracy (100 minus it) and carries the error.
      assertEquals(mean, Double.parseDouble(cell.getAttribute("data-error")), 1e-9, line);
      assertEquals(100 - mean, Double.parseDouble(cell.getAttribute("data-mean")), 1e-9, line);
      assertEquals(se, Double.parseDouble(cell.getAttribute("data-se")), 1e-9, line);
      assertEquals(f[4], cell.getAttribute("data-seeds"), line);
      assertEquals(String.format(Locale.ROOT, "%.2f \u00b1 %.2f", 100 - mean, se),
          nodes(cell, "span[@class='mean']").get(0).getTextContent(), line);
      // Every seed's number links to a lineage section of the page.
      List<Element> links = nodes(cell, ".//a");
      assertFalse(links.isEmpty(), line);
      for (Element a : links) {
        String anchor = a.getAttribute("href").substring(1);
        assertEquals(1, nodes(page, "//*[@id='" + anchor + "']").size(), anchor);
      }
    }
  }

  @Test
  void aFailedRunIsReportedAndARerunRedoesOnlyIt() throws Exception {
    // arch fc needs point data: the train process of that run fails once it has read the dataset.
    Path workflow = DigitsSweep.write(tmp, "broken-sweep", "[1]", "dcgan: {ml_ensemble: 1}\nbroken: {ml_ensemble: 1, arch: fc}\n");
    Path store = tmp.resolve("store");
    CliRun first = CliRun.of("sweep", workflow.toString(), "--store", store.toString(), "--threads", "1");
    assertEquals(1, first.exitCode(), first.out() + first.err());
    assertTrue(first.out().contains("2 runs (0 cached, 1 computed, 1 failed)"), first.out());
    assertTrue(first.out().contains("FAILED broken-N50-seed1: stage train exited 2: error: parameter arch: needs a"
        + " dataset of points, digits holds images (got fc)"), first.out());
    ArtifactStore artifacts = ArtifactStore.open(store);
    assertEquals(List.of(), kinds(artifacts, "report"), "no report while a run failed");
    Artifact dcgan = artifacts.list().stream().filter(a -> a.manifest().getKind().equals("model")).findFirst().orElseThrow();
    long made = dcgan.manifest().getTiming().getCreatedUnixMs();

    CliRun second = CliRun.of("sweep", workflow.toString(), "--store", store.toString(), "--threads", "1");
    assertEquals(1, second.exitCode(), second.out());
    assertTrue(second.out().contains("2 runs (1 cached, 0 computed, 1 failed)"), second.out());

    DigitsSweep.write(tmp, "broken-sweep", "[1]", "dcgan: {ml_ensemble: 1}\nbroken: {ml_ensemble: 1, arch: orig}\n");
    CliRun fixed = CliRun.of("sweep", workflow.toString(), "--store", store.toString(), "--threads", "1").expectSuccess();
    assertTrue(fixed.out().contains("2 runs (1 cached, 1 computed, 0 failed)"), fixed.out());
    assertTrue(fixed.lastLine().startsWith("report-"), fixed.out());
    assertEquals(made, artifacts.find(dcgan.id()).orElseThrow().manifest().getTiming().getCreatedUnixMs(),
        "the run that had succeeded was not redone");
    assertEquals(2, kinds(artifacts, "metrics").size());
  }

  @Test
  void badSweepBlocksAreOneLineErrors() throws Exception {
    Path workflow = DigitsSweep.write(tmp, "bad", "[1, 1]", "dcgan: {ml_ensemble: 1}\n");
    CliRun run = CliRun.of("sweep", workflow.toString(), "--store", tmp.resolve("s").toString());
    assertEquals(2, run.exitCode());
    assertEquals("error: " + workflow + ": sweep seeds lists a value twice: [1, 1]", run.err().strip());
    Path axis = DigitsSweep.write(tmp, "axis", "[1]", "dcgan: {ml_ensemble: 1, N: 10}\n");
    assertEquals("error: " + axis + ": sweep method dcgan sets N, which the grid sets",
        CliRun.of("sweep", axis.toString()).err().strip());
    Path twice = DigitsSweep.write(tmp, "twice", "[1]", "dcgan: {ml_ensemble: 1}\nalso_dcgan: {ml_ensemble: 1}\n");
    CliRun same = CliRun.of("sweep", twice.toString(), "--store", tmp.resolve("s").toString(), "--dry-run");
    assertEquals(2, same.exitCode());
    assertTrue(same.err().startsWith("error: sweep of workflow twice: runs dcgan-N50-seed1 and also_dcgan-N50-seed1 are"
        + " the same run (model-"), same.err());
    CliRun plainRun = CliRun.of("run", axis.toString());
    assertEquals(2, plainRun.exitCode());
    Path noSweep = Path.of(System.getProperty("user.dir")).resolveSibling("workflows").resolve("digits.yaml");
    assertEquals("error: " + noSweep + ": declares no sweep: block (run it with bgan run)",
        CliRun.of("sweep", noSweep.toString()).err().strip());
  }

  private static List<Artifact> kinds(ArtifactStore store, String kind) {
    return store.list().stream().filter(a -> a.manifest().getKind().equals(kind)).toList();
  }

  /** Every model and metrics artifact's payload files (path, SHA-256, size) by id. */
  private static Map<String, List<PayloadFile>> payloads(Path store) {
    return ArtifactStore.open(store).list().stream()
        .filter(a -> a.manifest().getKind().equals("model") || a.manifest().getKind().equals("metrics"))
        .collect(Collectors.toMap(Artifact::id, a -> a.manifest().getFilesList(), (a, b) -> a, TreeMap::new));
  }

  private static Document parse(String html) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    return factory.newDocumentBuilder().parse(new InputSource(new StringReader(html)));
  }

  private static List<Element> nodes(Object context, String xpath) throws Exception {
    NodeList found = (NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, context, XPathConstants.NODESET);
    List<Element> out = new ArrayList<>();
    for (int i = 0; i < found.getLength(); i++) {
      out.add((Element) found.item(i));
    }
    return out;
  }
}
