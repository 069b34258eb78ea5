package dev.bgan.train.nn;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;

/**
 * The synthetic experiment's nets (bgan_synth): G z -> {@code generatorHidden} leaky ReLU (0.2) ->
 * {@code dimension}, linear output (the data are standardised, not bounded); D x ->
 * {@code discriminatorHidden} leaky ReLU -> logits. No batch norm. The reference uses 1000 for both.
 */
public record FullyConnectedFamily(int dimension, int generatorHidden, int discriminatorHidden)
    implements NetworkFamily {
  private static final float LEAK = 0.2f;

  public FullyConnectedFamily {
    if (dimension < 1 || generatorHidden < 1 || discriminatorHidden < 1) {
      throw new IllegalArgumentException("dimension and widths must be >= 1, got " + dimension + ", "
          + generatorHidden + ", " + discriminatorHidden);
    }
  }

  @Override
  public Block generator(int zDim) {
    return new SequentialBlock()
        .add(Linear.builder().setUnits(generatorHidden).build())
        .add(Activation.leakyReluBlock(LEAK))
        .add(Linear.builder().setUnits(dimension).build());
  }

  @Override
  public Block discriminator(int outputs) {
    return new SequentialBlock()
        .add(Linear.builder().setUnits(discriminatorHidden).build())
        .add(Activation.leakyReluBlock(LEAK))
        .add(Linear.builder().setUnits(outputs).build());
  }

  @Override
  public Shape sampleShape() {
    return new Shape(dimension);
  }
}
