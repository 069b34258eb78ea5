/**
 * {@code bgan artifacts reproduce}: recomputing a published artifact from the recipe its manifest
 * records (stage, stage version, parameters, inputs, thread count) in a scratch store, and
 * comparing the result with it byte for byte, tensor by tensor and metric by metric.
 */
package dev.bgan.reproduce;
