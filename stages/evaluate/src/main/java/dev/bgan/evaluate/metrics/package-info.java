/**
 * GAN metrics on plain arrays, computed as the reference implementations do (ALGORITHMS.md): the
 * Frechet distance and Inception Score of feature and probability sets, and the synthetic
 * experiment's JS divergence (PCA plane + Gaussian KDE) and mode count (Gaussian mixtures, least AIC),
 * a classifier's calibration (ECE, reliability bins), and ArviZ's rank-normalised split R-hat and bulk
 * ESS of draws from several chains; the clustering accuracy of a code under its best one-to-one
 * mapping to labels (the Hungarian algorithm).
 * Nothing here knows about models or artifacts.
 */
package dev.bgan.evaluate.metrics;
