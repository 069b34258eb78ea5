/** The evaluate stage: test accuracy by Bayesian model averaging, baselines, sample grids. */
package dev.bgan.evaluate;
