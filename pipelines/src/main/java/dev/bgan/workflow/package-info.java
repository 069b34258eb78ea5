/**
 * Composition of stages: one runner per stage kind, shared by the single-stage commands and by
 * YAML workflows, which run stages in order and reuse whatever the run cache already holds.
 */
package dev.bgan.workflow;
