/**
 * CIFAR-10 in its python form: locating and downloading the batches, reading their pickles without
 * ever executing them (only the few numpy globals a batch names are allowed), and turning them into
 * labeled 32x32x3 image records.
 */
package dev.bgan.prepare.cifar;
