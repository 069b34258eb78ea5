package dev.bgan.dataset;

import static dev.bgan.dataset.ExampleFeatures.int64;
import static dev.bgan.dataset.ExampleFeatures.longOf;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.bgan.proto.tf.Example;
import dev.bgan.proto.tf.Feature;
import dev.bgan.proto.tf.Features;
import dev.bgan.proto.tf.FloatList;
import java.util.Arrays;
import java.util.Map;

/**
 * One point of a vector dataset (float32, as the reference feeds its placeholders), the label of
 * the cluster it was drawn from, and its position in its split. As a tf.train.Example it has the
 * features {@code point/values}, {@code point/label} and {@code point/index}.
 */
public record PointRecord(long index, int label, float[] values) implements DatasetRecord {
  static final String VALUES = "point/values";
  static final String LABEL = "point/label";
  static final String INDEX = "point/index";

  public PointRecord {
    values = values.clone();
  }

  @Override
  public float[] values() {
    return values.clone();
  }

  @Override
  public Example toExample() {
    FloatList.Builder list = FloatList.newBuilder();
    for (float v : values) {
      list.addValue(v);
    }
    return Example.newBuilder()
        .setFeatures(Features.newBuilder()
            .putFeature(VALUES, Feature.newBuilder().setFloatList(list).build())
            .putFeature(LABEL, int64(label))
            .putFeature(INDEX, int64(index)))
        .build();
  }

  public static PointRecord parse(byte[] serializedExample) {
    Example example;
    try {
      example = Example.parseFrom(serializedExample);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("record is not a tf.train.Example: " + e.getMessage(), e);
    }
    Map<String, Feature> f = example.getFeatures().getFeatureMap();
    Feature values = f.get(VALUES);
    if (values == null || !values.hasFloatList()) {
      throw new IllegalArgumentException("record has no " + VALUES + " feature");
    }
    float[] v = new float[values.getFloatList().getValueCount()];
    for (int i = 0; i < v.length; i++) {
      v[i] = values.getFloatList().getValue(i);
    }
    return new PointRecord(longOf(f, INDEX), (int) longOf(f, LABEL), v);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PointRecord r && r.index == index && r.label == label && Arrays.equals(r.values, values);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(index) * 31 + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "PointRecord[index=" + index + ", dimension=" + values.length + ", label=" + label + "]";
  }
}
