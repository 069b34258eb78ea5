/**
 * Sweeps: a workflow's grid of runs (seeds x labels x methods) as a Beam pipeline, one element per
 * run, each run's stages launched as child JVMs that publish into the shared artifact store.
 */
package dev.bgan.pipelines.sweep;
