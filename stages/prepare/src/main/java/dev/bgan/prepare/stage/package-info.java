/**
 * The prepare stage: {@link dev.bgan.prepare.stage.Datasets}, the one table of datasets (name, help,
 * options, preparer) that the command line and the runner read; {@link dev.bgan.prepare.stage.PrepareRunner},
 * the stage as the workflow engine calls it; and {@link dev.bgan.prepare.stage.PrepareDataset}, the
 * Beam pipeline that writes a dataset located and validated by the readers of {@code dev.bgan.prepare}
 * as TFRecord shards into a dataset artifact, published through the run cache.
 */
package dev.bgan.prepare.stage;
