/**
 * What the workflow engine knows of a stage: its {@link dev.bgan.stage.StageRunner} (name, inputs,
 * parameters, options, run and planned id) and a {@link dev.bgan.stage.StageCall}. Each stage module
 * registers its runners in {@code META-INF/services/dev.bgan.stage.StageRunner}; the engine finds
 * them there and names no stage itself.
 */
package dev.bgan.stage;
