package dev.bgan.dataset;

import static dev.bgan.dataset.ExampleFeatures.int64;
import static dev.bgan.dataset.ExampleFeatures.longOf;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.bgan.proto.tf.BytesList;
import dev.bgan.proto.tf.Example;
import dev.bgan.proto.tf.Feature;
import dev.bgan.proto.tf.Features;
import java.util.Arrays;
import java.util.Map;

/**
 * One labeled image, raw uint8 in HWC order, and its position in its split. As a tf.train.Example
 * it has the features {@code image/raw}, {@code image/height}, {@code image/width},
 * {@code image/channels}, {@code image/class/label} and {@code image/index}.
 */
public record ImageRecord(long index, int height, int width, int channels, int label, byte[] pixels)
    implements DatasetRecord {
  static final String RAW = "image/raw";
  static final String HEIGHT = "image/height";
  static final String WIDTH = "image/width";
  static final String CHANNELS = "image/channels";
  static final String LABEL = "image/class/label";
  static final String INDEX = "image/index";

  public ImageRecord {
    if (pixels.length != height * width * channels) {
      throw new IllegalArgumentException("image " + index + " has " + pixels.length + " bytes, expected "
          + height + "x" + width + "x" + channels);
    }
  }

  @Override
  public Example toExample() {
    return Example.newBuilder()
        .setFeatures(Features.newBuilder()
            .putFeature(RAW, Feature.newBuilder()
                .setBytesList(BytesList.newBuilder().addValue(ByteString.copyFrom(pixels))).build())
            .putFeature(HEIGHT, int64(height))
            .putFeature(WIDTH, int64(width))
            .putFeature(CHANNELS, int64(channels))
            .putFeature(LABEL, int64(label))
            .putFeature(INDEX, int64(index)))
        .build();
  }

  public static ImageRecord fromExample(Example example) {
    Map<String, Feature> f = example.getFeatures().getFeatureMap();
    Feature raw = f.get(RAW);
    if (raw == null || raw.getBytesList().getValueCount() != 1) {
      throw new IllegalArgumentException("record has no " + RAW + " feature");
    }
    return new ImageRecord(
        longOf(f, INDEX),
        (int) longOf(f, HEIGHT),
        (int) longOf(f, WIDTH),
        (int) longOf(f, CHANNELS),
        (int) longOf(f, LABEL),
        raw.getBytesList().getValue(0).toByteArray());
  }

  public static ImageRecord parse(byte[] serializedExample) {
    try {
      return fromExample(Example.parseFrom(serializedExample));
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("record is not a tf.train.Example: " + e.getMessage(), e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ImageRecord r && r.index == index && r.height == height && r.width == width
        && r.channels == channels && r.label == label && Arrays.equals(r.pixels, pixels);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(index) * 31 + Arrays.hashCode(pixels);
  }

  @Override
  public String toString() {
    return "ImageRecord[index=" + index + ", " + height + "x" + width + "x" + channels + ", label=" + label + "]";
  }
}
