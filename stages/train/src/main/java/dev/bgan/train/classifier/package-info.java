/** The evaluation classifier: the feature network of FID and the class probabilities of the Inception Score. */
package dev.bgan.train.classifier;
