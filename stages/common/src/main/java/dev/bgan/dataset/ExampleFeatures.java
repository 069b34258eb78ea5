package dev.bgan.dataset;

import dev.bgan.proto.tf.Feature;
import dev.bgan.proto.tf.Int64List;
import java.util.Map;

/** The int64 features every record kind shares (index, label, sizes): writing one, reading one back. */
final class ExampleFeatures {
  private ExampleFeatures() {}

  static Feature int64(long value) {
    return Feature.newBuilder().setInt64List(Int64List.newBuilder().addValue(value)).build();
  }

  /** The single int64 value of feature {@code name}; a record without it is malformed. */
  static long longOf(Map<String, Feature> features, String name) {
    Feature feature = features.get(name);
    if (feature == null || feature.getInt64List().getValueCount() != 1) {
      throw new IllegalArgumentException("record has no " + name + " feature");
    }
    return feature.getInt64List().getValue(0);
  }
}
