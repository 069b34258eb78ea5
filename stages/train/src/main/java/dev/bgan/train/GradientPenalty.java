package dev.bgan.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.bgan.train.engine.TorchJni;
import dev.bgan.train.nn.Network;

/**
 * WGAN-GP's penalty lambda * mean((|grad_x v(x_hat)|_2 - 1)^2), v the critic value
 * ({@link WassersteinObjective#value}), at x_hat = e x_real + (1 - e) x_fake,
 * e ~ U(0, 1) per example. The input gradient must itself be differentiable: DJL's
 * GradientCollector has no create_graph, but its engine's backward does
 * ({@link TorchJni#backwardCreatingGraph}), so the first backward builds the gradient's graph and
 * the trainer's backward of the total loss differentiates through it. Call inside an open GradientCollector.
 */
final class GradientPenalty {
  private GradientPenalty() {}

  static NDArray of(Network critic, NDArray real, NDArray fake, double lambda, NDManager step) {
    long n = real.getShape().get(0);
    long[] perExample = new long[real.getShape().dimension()];
    java.util.Arrays.fill(perExample, 1);
    perExample[0] = n;
    NDArray e = step.randomUniform(0f, 1f, new Shape(perExample), DataType.FLOAT32);
    NDArray xHat = real.mul(e).add(fake.mul(e.neg().add(1f)));
    xHat.setRequiresGradient(true);
    NDArray inputGradient = inputGradient(WassersteinObjective.value(critic.forward(xHat, true)).sum(), xHat, critic);
    int[] axes = new int[real.getShape().dimension() - 1];
    for (int i = 0; i < axes.length; i++) {
      axes[i] = i + 1;
    }
    NDArray norm = inputGradient.square().sum(axes).sqrt();
    NDArray deviation = norm.sub(1f).square().mean();
    return deviation.mul(Scalars.of(deviation, lambda));
  }

  /** d output / d input with its graph kept; the parameter gradients this backward leaves are zeroed. */
  static NDArray inputGradient(NDArray output, NDArray input, Network critic) {
    TorchJni.backwardCreatingGraph(output);
    NDArray gradient = input.getGradient();
    for (NDArray w : critic.trainable()) {
      TorchJni.zeroGradient(w);
    }
    return gradient;
  }
}
