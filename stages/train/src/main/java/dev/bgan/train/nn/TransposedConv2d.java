package dev.bgan.train.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The reference's up-convolution: a stride-2 transposed convolution with TensorFlow's "SAME"
 * geometry ({@code tf.nn.conv2d_transpose(..., strides 2, padding 'SAME')} with an explicit output
 * size), the adjoint of a stride-2 "SAME" convolution from the output size down to ceil(out/2):
 *
 * <pre>  y[n, c, o, p] = b[c] + sum over i, j, s, t with 2i + s - P_h = o, 2j + t - P_w = p of
 *                   x[n, ci, i, j] * w[ci, c, s, t]</pre>
 *
 * with P = max((in - 1) * 2 + k - out, 0) / 2 (floor) per axis; w has PyTorch's ConvTranspose2d layout
 * [in channels, out channels, k, k], so the prior and the saved files see the k*k taps themselves.
 *
 * <p>DJL's PyTorch engine has no transposed convolution, so this computes it by its sub-pixel
 * decomposition: output row 2a + r only receives taps s = 2d + r + P from input row a - d, which
 * is an ordinary stride-1 convolution over the low-resolution input with one kernel per output
 * phase (r_h, r_w). The four phase kernels are gathered from w by one matrix product with a constant
 * 0/1 selection matrix (exact: each entry is one weight), convolved as one convolution with 4x the
 * filters, and the phases interleaved by a depth-to-space reshape. Autograd differentiates all of it,
 * so gradients with respect to x and w are those of the transposed convolution.
 */
public final class TransposedConv2d extends AbstractBlock {
  private static final int STRIDE = 2;
  private static final int PHASES = STRIDE * STRIDE;

  private final int filters;
  private final int kernel;
  private final Axis rows;
  private final Axis cols;
  private final Parameter weight;
  private final Parameter bias;
  /** The selection matrix [k*k, 4*K_h*K_w], made once per device the block runs on. */
  private NDArray selection;

  /** {@code filters} output maps of {@code outHeight} x {@code outWidth} from maps of ceil(out/2). */
  public TransposedConv2d(int filters, int kernel, int outHeight, int outWidth) {
    this.filters = filters;
    this.kernel = kernel;
    this.rows = new Axis(outHeight, kernel);
    this.cols = new Axis(outWidth, kernel);
    this.weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT).build());
    this.bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS).build());
  }

  @Override
  protected void prepare(Shape[] inputShapes) {
    Shape in = inputShapes[0];
    checkInput(in);
    weight.setShape(new Shape(in.get(1), filters, kernel, kernel));
    bias.setShape(new Shape(filters));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), filters, rows.out, cols.out)};
  }

  @Override
  protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
      PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    checkInput(x.getShape());
    NDArray w = store.getValue(weight, x.getDevice(), training);
    NDArray b = store.getValue(bias, x.getDevice(), training);
    long n = x.getShape().get(0);
    long in = x.getShape().get(1);
    // Results attach to their first operand's manager, here the weights' long-lived one: every array
    // made from the weights goes into the input's (per-step) manager, or each forward would leak them.
    NDManager scope = x.getManager();
    NDArray phaseKernels = scoped(scope, w.reshape(in * filters, (long) kernel * kernel));
    phaseKernels = scoped(scope, phaseKernels.matMul(selection(w)));
    phaseKernels = scoped(scope, phaseKernels.reshape(in, filters, STRIDE, STRIDE, rows.taps(), cols.taps()));
    phaseKernels = scoped(scope, phaseKernels.transpose(2, 3, 1, 0, 4, 5));
    phaseKernels = scoped(scope, phaseKernels.reshape((long) PHASES * filters, in, rows.taps(), cols.taps()));
    NDArray phaseBias = scoped(scope, b.tile(PHASES));
    Shape padding;
    if (rows.symmetric() && cols.symmetric()) {
      padding = new Shape(rows.padLow(), cols.padLow());
    } else {
      // torch's constant_pad_nd order: last axis first, low side then high side.
      x = x.pad(new Shape(cols.padLow(), cols.padHigh(), rows.padLow(), rows.padHigh()), 0);
      padding = new Shape(0, 0);
    }
    NDArray phases = Conv2d.conv2d(x, phaseKernels, phaseBias, new Shape(1, 1), padding).singletonOrThrow();
    NDArray y = phases.reshape(n, STRIDE, STRIDE, filters, rows.in, cols.in)
        .transpose(0, 3, 4, 1, 5, 2)
        .reshape(n, filters, STRIDE * rows.in, STRIDE * cols.in);
    if (STRIDE * rows.in != rows.out || STRIDE * cols.in != cols.out) {
      y = y.get(new NDIndex(":, :, :{}, :{}", rows.out, cols.out));
    }
    return new NDList(y);
  }

  /**
   * TensorFlow's "SAME" padding before the first input row of a stride-2 transposed convolution from
   * side {@code in} to side {@code out}: output o = 2 i + s - P receives input i through tap s.
   */
  public static int leadingPadding(int in, int out, int kernel) {
    return Math.max((in - 1) * STRIDE + kernel - out, 0) / 2;
  }

  private static NDArray scoped(NDManager scope, NDArray array) {
    array.attach(scope);
    return array;
  }

  private NDArray selection(NDArray w) {
    if (selection == null || !selection.getDevice().equals(w.getDevice())) {
      int columns = PHASES * rows.taps() * cols.taps();
      float[] s = new float[kernel * kernel * columns];
      for (int rh = 0; rh < STRIDE; rh++) {
        for (int rw = 0; rw < STRIDE; rw++) {
          for (int uh = 0; uh < rows.taps(); uh++) {
            for (int uw = 0; uw < cols.taps(); uw++) {
              int th = rows.tap(rh, uh);
              int tw = cols.tap(rw, uw);
              if (th >= 0 && tw >= 0) {
                int column = ((rh * STRIDE + rw) * rows.taps() + uh) * cols.taps() + uw;
                s[(th * kernel + tw) * columns + column] = 1f;
              }
            }
          }
        }
      }
      selection = w.getManager().create(s, new Shape((long) kernel * kernel, columns));
    }
    return selection;
  }

  private void checkInput(Shape shape) {
    if (shape.dimension() != 4 || shape.get(2) != rows.in || shape.get(3) != cols.in) {
      throw new IllegalArgumentException("a transposed convolution to " + rows.out + "x" + cols.out
          + " takes (N, C, " + rows.in + ", " + cols.in + "), got " + shape);
    }
  }

  /**
   * One spatial axis: output side {@code out}, input side ceil(out/2), TensorFlow's leading padding
   * P, and the phase kernels' taps u = 0 .. taps-1, which read input a - d for d = dHigh - u.
   */
  private static final class Axis {
    final int out;
    final int in;
    final int kernel;
    final int pad;
    final int dLow;
    final int dHigh;

    Axis(int out, int kernel) {
      if (out < 1 || kernel < 1) {
        throw new IllegalArgumentException("output side and kernel must be positive, got " + out + ", " + kernel);
      }
      this.out = out;
      this.in = (out + STRIDE - 1) / STRIDE;
      this.kernel = kernel;
      this.pad = leadingPadding(in, out, kernel);
      // s = 2d + r + P must lie in [0, k) for some phase r in {0, 1}.
      this.dLow = Math.floorDiv(-(1 + pad) + 1, 2);
      this.dHigh = Math.floorDiv(kernel - 1 - pad, 2);
    }

    int taps() {
      return dHigh - dLow + 1;
    }

    /** The weight tap of phase {@code r} at kernel position {@code u}, or -1 where that phase has none. */
    int tap(int r, int u) {
      int s = STRIDE * (dHigh - u) + r + pad;
      return s >= 0 && s < kernel ? s : -1;
    }

    int padLow() {
      return dHigh;
    }

    int padHigh() {
      return -dLow;
    }

    boolean symmetric() {
      return padLow() == padHigh();
    }
  }
}
