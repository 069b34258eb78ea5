package dev.bgan.train;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * One iteration's inputs to every step: unlabeled real examples; labeled examples, the
 * discriminator outputs of their classes and the classes themselves; each generator's latent draw
 * and its fakes (computed once, without gradient, for the discriminators' step).
 */
record Batch(NDArray real, NDArray labeled, NDArray labeledOutputs, int[] labeledClasses, List<NDArray> latents,
    List<NDArray> fakes) {}
