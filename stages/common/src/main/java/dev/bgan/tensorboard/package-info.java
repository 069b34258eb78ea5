/**
 * TensorBoard event files of training logs: grouped scalar tags (loss/d, accuracy/test, ...),
 * written into report artifacts (wall time 0, byte-identical) and, while a model trains, beside
 * the store (real wall times) so that {@code tensorboard --logdir STORE/.tensorboard} follows it.
 */
package dev.bgan.tensorboard;
