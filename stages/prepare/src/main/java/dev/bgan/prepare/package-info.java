/**
 * The prepare stage: locating, downloading and validating raw datasets (MNIST IDX files first) and
 * turning them into labeled image records and a dataset summary. Writing the records as shards is
 * the pipeline's job; this package knows nothing of Beam.
 */
package dev.bgan.prepare;
