package dev.bgan.prepare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bgan.common.BadInputException;
import dev.bgan.common.Sha256;
import dev.bgan.proto.DatasetSummary;
import dev.bgan.proto.SourceFile;
import dev.bgan.testing.Python;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fashion-MNIST from the Debian package's real files, compared with numpy's reading of the same files. */
@Tag("real-data")
class FashionMnistTest {
  private static final Path DEBIAN = FashionMnistSources.DEBIAN_DIR;

  /** Per split: SHA-256 of every pixel (uint8, image after image) and of the labels as uint8, and the class counts. */
  private static final String NUMPY_READ = """
      import gzip, hashlib, sys, numpy as np
      d = sys.argv[1]
      for split, prefix in (('train', 'train'), ('test', 't10k')):
          with gzip.open('%s/%s-images-idx3-ubyte.gz' % (d, prefix)) as f:
              images = np.frombuffer(f.read(), np.uint8, offset=16).reshape(-1, 28, 28)
          with gzip.open('%s/%s-labels-idx1-ubyte.gz' % (d, prefix)) as f:
              labels = np.frombuffer(f.read(), np.uint8, offset=8)
          print(split, hashlib.sha256(images.tobytes()).hexdigest(), hashlib.sha256(labels.tobytes()).hexdigest(),
                ','.join(str(n) for n in np.bincount(labels, minlength=10)), images.min(), images.max())
      """;

  @TempDir Path tmp;

  @Test
  void theInstalledPackageReadsAsNumpyReadsIt() throws IOException {
    MnistDataset dataset = MnistDataset.loadFashion(sourcesOffline(DEBIAN).installed());
    DatasetSummary summary = dataset.summary();
    assertEquals("fashion-mnist", summary.getName());
    assertEquals(List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag",
        "Ankle boot"), summary.getClassNamesList());
    Map<String, String[]> numpy = Arrays.stream(Python.run(List.of("numpy"), NUMPY_READ, DEBIAN.toString()).strip()
        .split("\n")).map(line -> line.split(" ")).collect(Collectors.toMap(f -> f[0], f -> f));
    for (MnistSplit split : MnistSplit.values()) {
      String[] expected = numpy.get(split.splitName());
      MessageDigest pixels = Sha256.newDigest();
      byte[] labels = new byte[dataset.size(split)];
      for (int i = 0; i < dataset.size(split); i++) {
        pixels.update(dataset.record(split, i).pixels());
        labels[i] = (byte) dataset.label(split, i);
      }
      assertEquals(expected[1], HexFormat.of().formatHex(pixels.digest()), split + " pixels");
      assertEquals(expected[2], Sha256.of(labels), split + " labels");
      var histogram = summary.getSplitsList().stream().filter(s -> s.getName().equals(split.splitName())).findFirst()
          .orElseThrow().getClassHistogramList();
      assertEquals(expected[3], histogram.stream().map(String::valueOf).collect(Collectors.joining(",")));
    }
    assertEquals(Long.parseLong(numpy.get("train")[4]), summary.getPixelMin());
    assertEquals(255, summary.getPixelMax());
    for (SourceFile source : dataset.sourceFiles()) {
      assertEquals(FashionMnistSources.RAW_SHA256.get(source.getName()), source.getSha256(), source.getName());
    }
  }

  @Test
  void withoutThePackageTheErrorSaysWhatToDo() {
    FashionMnistSources absent = sourcesOffline(tmp.resolve("not-installed"));
    BadInputException e = assertThrows(BadInputException.class, absent::installed);
    assertTrue(e.getMessage().contains("dataset-fashion-mnist") && e.getMessage().contains("--source DIR")
        && e.getMessage().contains("--download"), e.getMessage());
  }

  @Test
  void downloadsVerifyTheContentAndReuseVerifiedCopies() throws IOException {
    try (LocalMirror mirror = new LocalMirror()) {
      for (String name : MnistFiles.NAMES) {
        mirror.serve("/fashion/" + name + ".gz", Files.readAllBytes(DEBIAN.resolve(name + ".gz")));
      }
      FashionMnistSources sources = new FashionMnistSources(tmp.resolve("absent"),
          new MnistDownload(List.of(mirror.base("/fashion/")), FashionMnistSources.RAW_SHA256));
      Path dir = Files.createDirectories(tmp.resolve("store-sources"));
      MnistFiles files = sources.download(dir);
      assertEquals(4, mirror.requests());
      for (SourceFile source : files.sourceFiles()) {
        assertEquals(mirror.base("/fashion/" + source.getName() + ".gz").toString(), source.getOrigin());
      }
      sources.download(dir);
      assertEquals(4, mirror.requests(), "verified copies are not downloaded again");

      // MNIST's files where Fashion-MNIST's should be: the content hash refuses them.
      try (LocalMirror wrong = new LocalMirror()) {
        for (String name : MnistFiles.NAMES) {
          wrong.serve("/fashion/" + name + ".gz", IdxTestFiles.bytes(
              IdxTestFiles.gzip(dev.bgan.testing.RealMnist.file(name), tmp.resolve(name + ".gz"))));
        }
        FashionMnistSources impostor = new FashionMnistSources(tmp.resolve("absent"),
            new MnistDownload(List.of(wrong.base("/fashion/")), FashionMnistSources.RAW_SHA256));
        BadInputException e = assertThrows(BadInputException.class,
            () -> impostor.download(Files.createDirectories(tmp.resolve("other"))));
        assertTrue(e.getMessage().contains("SHA-256 of the decompressed content"), e.getMessage());
      }
    }
  }

  /** Nothing listens there: a download attempt fails at once. */
  private static FashionMnistSources sourcesOffline(Path installed) {
    return new FashionMnistSources(installed,
        new MnistDownload(List.of(LocalMirror.unreachable()), FashionMnistSources.RAW_SHA256));
  }
}
