/**
 * Dataset artifacts: TFRecord shards of tf.train.Example-compatible image records, and their
 * in-memory form for training and evaluation.
 */
package dev.bgan.dataset;
