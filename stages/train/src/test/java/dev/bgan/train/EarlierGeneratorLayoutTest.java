package dev.bgan.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.bgan.proto.DatasetSummary;
import dev.bgan.proto.TrainConfig;
import dev.bgan.train.nn.Network;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A generator written by train stage version 2 (committed: a 7x7x1 ORIG generator, gf_dim 2, z_dim 3,
 * with its outputs on four fixed latent vectors, made by that version's code) still loads and computes
 * what it computed then, and the current version's generator is a different network that refuses it.
 */
class EarlierGeneratorLayoutTest {
  private static final DatasetSummary IMAGES = DatasetSummary.newBuilder()
      .setName("golden").setKind(DatasetSummary.Kind.IMAGES).setHeight(7).setWidth(7).setChannels(1).setNumClasses(10)
      .build();
  private static final TrainConfig CONFIG = TrainConfigs.defaults().setGfDim(2).setDfDim(2).setZDim(3).build();

  @Test
  void versionTwoGeneratorLoadsAndComputesWhatItDidThen() throws Exception {
    Path dir = golden();
    float[] expected = readFloats(dir.resolve("generator-00.output.f32"));
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      Network g = Network.create(NetworkFamilies.of(CONFIG, IMAGES, 2).generator(3), m, new Shape(1, 3), 1);
      g.load(dir.resolve("generator-00.params"), m);
      float[] y = g.forward(m.create(latents(), new Shape(4, 3)), false).toFloatArray();
      assertEquals(4 * 7 * 7, y.length);
      assertArrayEquals(expected, y, 1e-6f);
    }
  }

  @Test
  void currentGeneratorIsTheTransposedConvolutionNetworkAndRefusesTheOldFile() throws Exception {
    Path dir = golden();
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      Network g = Network.create(NetworkFamilies.of(CONFIG, IMAGES).generator(3), m, new Shape(1, 3), 1);
      assertEquals(TrainStage.VERSION, 3);
      assertEquals(7, g.forward(m.create(latents(), new Shape(4, 3)), false).getShape().get(3));
      IOException e = assertThrows(IOException.class, () -> g.load(dir.resolve("generator-00.params"), m));
      assertEquals(true, e.getMessage().contains("generator-00.params"), e.getMessage());
    }
  }

  private static float[] latents() {
    float[] z = new float[4 * 3];
    for (int i = 0; i < z.length; i++) {
      z[i] = (float) Math.sin(i + 1);
    }
    return z;
  }

  private Path golden() throws URISyntaxException {
    return Path.of(getClass().getResource("golden/train-v2/generator-00.params").toURI()).getParent();
  }

  private static float[] readFloats(Path file) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    float[] values = new float[b.remaining() / Float.BYTES];
    b.asFloatBuffer().get(values);
    return values;
  }
}
