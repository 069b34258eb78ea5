/**
 * The training stage: the semi-supervised Bayesian GAN of Saatchi and Wilson (2017) with SGHMC
 * over generator and discriminator weights, its maximum-likelihood and supervised baselines, and
 * the model artifact (posterior samples, training log) it publishes.
 */
package dev.bgan.train;
