package dev.bgan.evaluate.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.bgan.common.BadInputException;
import dev.bgan.common.Sha256;
import dev.bgan.evaluate.metrics.PointFiles;
import dev.bgan.testing.Python;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user-supplied TorchScript path on {@link TinyTorchScript}'s module: numpy recomputes its
 * features and probabilities from the images with torch's bilinear resize (half-pixel centres, no
 * antialias), grey repeated to three channels.
 */
class TorchScriptFeaturesTest {
  @TempDir Path tmp;

  @Test
  void resizesRepeatsGreyAndReturnsFeaturesAndProbabilitiesAsNumpyComputesThem() throws IOException {
    Path file = TinyTorchScript.write(tmp);
    int n = 3;
    int side = 28;
    SplittableRandom random = new SplittableRandom(5);
    float[] pixels = new float[n * side * side];
    double[][] asRows = new double[n][side * side];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (float) (2 * random.nextDouble() - 1);
      asRows[i / (side * side)][i % (side * side)] = pixels[i];
    }
    Path images = PointFiles.write(tmp, "images", asRows);
    try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
        TorchScriptFeatures net = TorchScriptFeatures.load(file, Sha256.ofFile(file))) {
      assertEquals(12, net.describe().getFeatureDim());
      assertEquals("torchscript", net.describe().getKind());
      assertEquals(Sha256.ofFile(file), net.describe().getFileSha256());
      assertTrue(net.hasProbabilities());
      FeatureNetwork.Outputs out = net.apply(manager.create(pixels, new Shape(n, 1, side, side)));
      Path features = PointFiles.write(tmp, "features", out.features());
      Path probs = PointFiles.write(tmp, "probs", out.probabilities());
      String script = String.join("\n",
          "import sys, numpy as np",
          "x = np.fromfile(sys.argv[1], '<f8').reshape(-1, 28, 28)",
          "def weights(size_in, size_out):",
          "    # torch interpolate(bilinear, align_corners=False): half-pixel centres, clamped at 0",
          "    w = np.zeros((size_out, size_in))",
          "    for o in range(size_out):",
          "        src = max(0.0, (o + 0.5) * size_in / size_out - 0.5)",
          "        i0 = int(src); i1 = min(i0 + 1, size_in - 1); f = src - i0",
          "        w[o, i0] += 1 - f; w[o, i1] += f",
          "    return w",
          "w = weights(28, 299)",
          "big = np.einsum('ab,nbc,dc->nad', w, x, w)",
          "def pool(img, rows, cols):",
          "    def bins(size, k): return [(i * size // k, -(-(i + 1) * size // k)) for i in range(k)]",
          "    return np.array([[img[:, r0:r1, c0:c1].mean((1, 2)) for c0, c1 in bins(299, cols)]",
          "                     for r0, r1 in bins(299, rows)]).transpose(2, 0, 1).reshape(len(img), -1)",
          "feats = np.concatenate([pool(big, 2, 2)] * 3, axis=1)",
          "logits = np.concatenate([pool(big, 1, 3)] * 3, axis=1)",
          "p = np.exp(logits - logits.max(1, keepdims=True)); p /= p.sum(1, keepdims=True)",
          "got_f = np.fromfile(sys.argv[2], '<f8').reshape(feats.shape)",
          "got_p = np.fromfile(sys.argv[3], '<f8').reshape(p.shape)",
          "print('RESULT', float(np.abs(feats - got_f).max()), float(np.abs(p - got_p).max()), float(np.abs(feats).max()))");
      String output = Python.run(List.of("numpy"), script, images.toString(), features.toString(), probs.toString());
      String[] result = output.lines().filter(l -> l.startsWith("RESULT ")).findFirst().orElseThrow(
          () -> new AssertionError(output)).split(" ");
      assertTrue(Double.parseDouble(result[1]) < 1e-5, "features differ from numpy's by " + result[1]);
      assertTrue(Double.parseDouble(result[2]) < 1e-6, "probabilities differ from numpy's by " + result[2]);
      assertTrue(Double.parseDouble(result[3]) > 1e-3, "features are not all zero");
    }
  }

  @Test
  void aMissingOrGarbageFileIsOneLineNamingIt() throws IOException {
    Path missing = tmp.resolve("inception.pt");
    BadInputException absent = assertThrows(BadInputException.class, () -> TorchScriptFeatures.load(missing, ""));
    assertEquals(missing + ": no such feature network file", absent.getMessage());

    Path truncated = tmp.resolve("truncated.pt");
    byte[] module = Files.readAllBytes(TinyTorchScript.write(tmp));
    Files.write(truncated, java.util.Arrays.copyOf(module, module.length / 2));
    BadInputException bad = assertThrows(BadInputException.class, () -> TorchScriptFeatures.load(truncated, ""));
    assertTrue(bad.getMessage().startsWith(truncated + ": not a TorchScript feature network"), bad.getMessage());
    assertFalse(bad.getMessage().contains("\n"), bad.getMessage());
  }
}
