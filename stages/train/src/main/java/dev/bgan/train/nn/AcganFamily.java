package dev.bgan.train.nn;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.XavierInitializer;
import java.util.List;

/**
 * AC-GAN (Odena et al. 2017) as the Keras {@code mnist_acgan} example builds it ({@code --arch
 * acgan}): a class-conditional generator ({@link AcganGenerator}, widths from gf_dim) and a
 * discriminator with a real/fake head and a class head ({@link AcganDiscriminator}, widths from
 * df_dim), weights drawn as Keras draws them (Glorot uniform; the example's Glorot normal where it
 * names it has the same variance).
 */
public record AcganFamily(DcganGeometry geometry, int classes, int gfDim, int dfDim) implements NetworkFamily {
  /** Glorot uniform: U(-b, b), b = sqrt(6 / (fan_in + fan_out)); DJL writes it as magnitude 3 over the fans' mean. */
  private static final Initializer GLOROT_UNIFORM =
      new XavierInitializer(XavierInitializer.RandomType.UNIFORM, XavierInitializer.FactorType.AVG, 3f);

  @Override
  public Block generator(int zDim) {
    return new AcganGenerator(zDim, classes, geometry, gfDim);
  }

  @Override
  public Block discriminator(int outputs) {
    return AcganDiscriminator.build(dfDim, outputs, classes);
  }

  @Override
  public Shape sampleShape() {
    return new Shape(geometry.channels(), geometry.height(), geometry.width());
  }

  @Override
  public ConditioningSampler conditioning() {
    return new ClassConditioning(classes);
  }

  @Override
  public List<String> discriminatorHeads() {
    return List.of(Heads.LOGITS, Heads.CLASSES);
  }

  @Override
  public Initializer weightInitializer() {
    return GLOROT_UNIFORM;
  }
}
