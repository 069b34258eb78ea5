package dev.bgan.train;

import ai.djl.ndarray.NDArray;
import dev.bgan.train.nn.Conditioning;
import java.util.List;

/**
 * One iteration's inputs to every step: unlabeled real examples and, for objectives that read them
 * ({@link GanObjective#readsRealClasses}), their classes as {@code realConditioning} (else
 * {@link Conditioning#NONE}); labeled examples, the discriminator outputs of their classes and the
 * classes themselves; each generator's input (z and its encoded conditioning), its conditioning
 * and its fakes (computed once, without gradient, for the discriminators' step).
 */
record Batch(NDArray real, Conditioning realConditioning, NDArray labeled, NDArray labeledOutputs,
    int[] labeledClasses, List<NDArray> latents, List<Conditioning> conditioning, List<NDArray> fakes) {}
