/**
 * Custom datasets from NumPy .npy files: images of any numeric dtype and range with integer
 * labels, converted to uint8 HWC pixels by a rule recorded in the manifest.
 */
package dev.bgan.prepare.npy;
