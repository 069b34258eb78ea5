/**
 * The prepare step as a Beam pipeline: a raw dataset located and validated by the prepare stage is
 * written as TFRecord shards into a dataset artifact, published through the run cache.
 */
package dev.bgan.pipelines.prepare;
