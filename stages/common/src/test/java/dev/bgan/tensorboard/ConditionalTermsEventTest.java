package dev.bgan.tensorboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bgan.proto.LossTerms;
import dev.bgan.proto.TrainingLogEntry;
import dev.bgan.proto.tf.Event;
import dev.bgan.proto.tf.Summary;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** A conditional objective's terms and measures become scalars of their own tags; an entry without them adds none. */
class ConditionalTermsEventTest {
  @Test
  void termsAndMeasuresAreTaggedByGroup() throws Exception {
    TrainingLogEntry plain = TrainingLogEntry.newBuilder().setIteration(100).setDLoss(1).build();
    TrainingLogEntry infogan = plain.toBuilder().setTerms(LossTerms.newBuilder()
        .putDiscriminator("info_categorical", 0.5).putGenerator("info_categorical", 0.25)
        .putMeasures("mi_categorical", 2.0).putMeasures("mi_continuous", -0.5)).build();
    Map<String, Float> plainTags = tags(plain);
    Map<String, Float> tags = tags(infogan);
    assertEquals(plainTags.size() + 4, tags.size());
    assertEquals(0.5f, tags.get("loss/d_info_categorical"));
    assertEquals(0.25f, tags.get("loss/g_info_categorical"));
    assertEquals(2.0f, tags.get("measures/mi_categorical"));
    assertEquals(-0.5f, tags.get("measures/mi_continuous"));
  }

  private static Map<String, Float> tags(TrainingLogEntry entry) throws Exception {
    Map<String, Float> tags = new TreeMap<>();
    for (Summary.Value v : Event.parseFrom(TensorBoardEvents.scalarEvent(entry, 0)).getSummary().getValueList()) {
      tags.put(v.getTag(), v.getSimpleValue());
    }
    return tags;
  }
}
