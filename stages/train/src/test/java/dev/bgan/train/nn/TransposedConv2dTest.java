package dev.bgan.train.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.Pair;
import dev.bgan.testing.Python;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transposed convolution's output and its gradients with respect to input, weight and bias
 * against an independent float64 numpy computation written out from TensorFlow's definition (which
 * also checks that definition is the adjoint of TF's "SAME" convolution), at every size the ORIG,
 * HEAD and AC-GAN generators use: MNIST 2, 4, 7, 14, 28; 32x32 2, 4, 8, 16, 32; CelebA 4, 7, 13, 25,
 * 50; 5x5 and 3x3 kernels; and a non-square map whose axes differ in parity.
 */
class TransposedConv2dTest {
  private static final double TOLERANCE = 1e-5;
  private static final int BATCH = 2;
  private static final int IN_CHANNELS = 3;
  private static final int OUT_CHANNELS = 2;

  /** Output height, output width, kernel. */
  private record Case(int outHeight, int outWidth, int kernel) {
    int inHeight() {
      return (outHeight + 1) / 2;
    }

    int inWidth() {
      return (outWidth + 1) / 2;
    }
  }

  private static final List<Case> CASES = List.of(
      new Case(4, 4, 5), new Case(7, 7, 5), new Case(14, 14, 5), new Case(28, 28, 5),
      new Case(4, 4, 3), new Case(7, 7, 3), new Case(14, 14, 3), new Case(28, 28, 3),
      new Case(8, 8, 5), new Case(16, 16, 5), new Case(32, 32, 5),
      new Case(13, 13, 5), new Case(25, 25, 5), new Case(50, 50, 5),
      new Case(13, 8, 5), new Case(7, 14, 3), new Case(2, 2, 5), new Case(1, 1, 3));

  @TempDir Path work;

  @Test
  void outputAndGradientsEqualTheDefinitionAtEveryGeneratorSize() throws IOException {
    Engine.getInstance().setRandomSeed(11);
    List<float[][]> ours = new ArrayList<>();
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      for (int c = 0; c < CASES.size(); c++) {
        ours.add(runCase(m, c, CASES.get(c)));
      }
    }
    String script;
    try (InputStream in = getClass().getResourceAsStream("conv_transpose_reference.py")) {
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertEquals("ok", Python.run(List.of("numpy"), script, work.toString()).strip());
    String[] names = {"y", "dx", "dw", "db"};
    List<String> failures = new ArrayList<>();
    for (int c = 0; c < CASES.size(); c++) {
      for (int k = 0; k < names.length; k++) {
        String mismatch = mismatch(readDoubles(work.resolve(c + "." + names[k] + ".f64")), ours.get(c)[k]);
        if (mismatch != null) {
          failures.add(CASES.get(c) + " " + names[k] + ": " + mismatch);
        }
      }
    }
    assertEquals(List.of(), failures);
  }

  /** Writes the case's inputs for the reference and returns our y, dx, dw, db. */
  private float[][] runCase(NDManager m, int index, Case c) throws IOException {
    TransposedConv2d block = new TransposedConv2d(OUT_CHANNELS, c.kernel(), c.outHeight(), c.outWidth());
    Shape xShape = new Shape(BATCH, IN_CHANNELS, c.inHeight(), c.inWidth());
    block.setInitializer(new NormalInitializer(1f), Parameter.Type.WEIGHT);
    block.setInitializer(new NormalInitializer(1f), Parameter.Type.BIAS);
    block.initialize(m, DataType.FLOAT32, xShape);
    NDArray x = m.randomNormal(xShape);
    NDArray dy = m.randomNormal(new Shape(BATCH, OUT_CHANNELS, c.outHeight(), c.outWidth()));
    Map<String, NDArray> params = new java.util.HashMap<>();
    for (Pair<String, Parameter> p : block.getParameters()) {
      params.put(p.getKey(), p.getValue().getArray());
    }
    NDArray w = params.get("weight");
    NDArray b = params.get("bias");
    x.setRequiresGradient(true);
    // DJL attaches gradient buffers uninitialised and backward accumulates into them.
    for (NDArray a : List.of(x, w, b)) {
      JniUtils.zeroGrad((PtNDArray) a);
    }
    float[] y;
    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      NDArray out = block.forward(new ParameterStore(m, false), new NDList(x), true).singletonOrThrow();
      assertEquals(dy.getShape(), out.getShape());
      y = out.toFloatArray();
      gc.backward(out.mul(dy).sum());
    }
    String prefix = Integer.toString(index);

    writeFloats(work.resolve(prefix + ".x.f32"), x.toFloatArray());
    writeFloats(work.resolve(prefix + ".w.f32"), w.toFloatArray());
    writeFloats(work.resolve(prefix + ".b.f32"), b.toFloatArray());
    writeFloats(work.resolve(prefix + ".dy.f32"), dy.toFloatArray());
    Files.writeString(work.resolve(prefix + ".shape.json"), String.format("{\"x\": %s, \"w\": %s, \"y\": %s}",
        Arrays.toString(xShape.getShape()), Arrays.toString(w.getShape().getShape()),
        Arrays.toString(dy.getShape().getShape())));
    return new float[][] {y, x.getGradient().toFloatArray(), w.getGradient().toFloatArray(), b.getGradient().toFloatArray()};
  }

  @Test
  void weightsHaveTheTransposedConvolutionsLayoutAndItsTapCount() {
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      TransposedConv2d block = new TransposedConv2d(64, 5, 28, 28);
      block.initialize(m, DataType.FLOAT32, new Shape(1, 128, 14, 14));
      assertEquals(new Shape(128, 64, 5, 5), block.getParameters().get("weight").getArray().getShape());
      assertEquals(new Shape(64), block.getParameters().get("bias").getArray().getShape());
      assertArrayEquals(new long[] {1, 64, 28, 28},
          block.getOutputShapes(new Shape[] {new Shape(1, 128, 14, 14)})[0].getShape());
    }
  }

  /**
   * Training steps leave nothing behind in the networks' long-lived manager: a generator's forward
   * and backward through a discriminator whose weight gradients are switched off and on, as the
   * generator step does, each in its own per-step manager (the first version of this block attached
   * its phase kernels to the weights' manager and leaked about 19 MB per quickstart iteration).
   */
  @Test
  void stepsLeaveNothingInTheNetworksManager() {
    Engine.getInstance().setRandomSeed(3);
    DcganFamily family = new DcganFamily(new DcganGeometry(28, 28, 1), 4, 4);
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      Network g = Network.create(family.generator(10), m, new Shape(1, 10), 1);
      Network d = Network.create(family.discriminator(11), m, new Shape(1, 1, 28, 28), 2);
      int[] counts = new int[4];
      for (int step = 0; step < counts.length; step++) {
        try (NDManager scope = m.newSubManager()) {
          d.recordWeightGradients(false);
          try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(d.forward(g.forward(scope.randomUniform(-1f, 1f, new Shape(8, 10)), true), true).sum());
          }
          d.recordWeightGradients(true);
        }
        counts[step] = m.getManagedArrays().size();
      }
      assertEquals(counts[1], counts[counts.length - 1], Arrays.toString(counts));
    }
  }

  @Test
  void refusesAnInputOfTheWrongSide() {
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      TransposedConv2d block = new TransposedConv2d(4, 5, 7, 7);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> block.initialize(m, DataType.FLOAT32, new Shape(1, 8, 3, 4)));
      assertEquals("a transposed convolution to 7x7 takes (N, C, 4, 4), got (1, 8, 3, 4)", e.getMessage());
    }
  }

  /** The first element further than the tolerance from the reference, or null. */
  private static String mismatch(double[] expected, float[] actual) {
    if (expected.length != actual.length) {
      return expected.length + " values expected, got " + actual.length;
    }
    for (int i = 0; i < expected.length; i++) {
      if (Math.abs(expected[i] - actual[i]) > TOLERANCE * (1 + Math.abs(expected[i]))) {
        return "[" + i + "] expected " + expected[i] + ", got " + actual[i];
      }
    }
    return null;
  }

  private static void writeFloats(Path file, float[] values) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    buffer.asFloatBuffer().put(values);
    Files.write(file, buffer.array());
  }

  private static double[] readDoubles(Path file) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    double[] values = new double[buffer.remaining() / Double.BYTES];
    buffer.asDoubleBuffer().get(values);
    return values;
  }
}
