package dev.bgan.dataset;

import dev.bgan.proto.tf.Example;

/** One record of a dataset split, at its position in the split, as a tf.train.Example. */
public interface DatasetRecord {
  long index();

  Example toExample();
}
