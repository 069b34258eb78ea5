package dev.bgan.train;

import ai.djl.ndarray.NDArray;

/**
 * An objective whose generator loss also matches the discriminator's penultimate features (the
 * input of its last layer) of fakes to those of real images. The trainer computes features only for
 * objectives that are this.
 */
public interface FeatureMatching {
  /** The term added to a generator's loss, from features of its fakes and of the real batch, both (batch, features). */
  NDArray featureLoss(NDArray fakeFeatures, NDArray realFeatures);
}
