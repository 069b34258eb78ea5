/** Posterior samplers over network weights: the reference's SGHMC variants and textbook SGHMC. */
package dev.bgan.train.sampler;
