/**
 * Feature networks of FID and the Inception Score: the pipeline's own evaluation classifier (an
 * artifact) or a user's TorchScript Inception-v3, behind one interface.
 */
package dev.bgan.evaluate.features;
