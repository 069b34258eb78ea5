/** The few PyTorch-specific calls the trainer needs beyond DJL's engine-neutral API. */
package dev.bgan.train.engine;
