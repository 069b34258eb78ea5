/**
 * The artifact store: immutable, content-hashed directories with a manifest that records how they
 * were made, keyed by what made them (the run cache), published atomically.
 */
package dev.bgan.artifact;
