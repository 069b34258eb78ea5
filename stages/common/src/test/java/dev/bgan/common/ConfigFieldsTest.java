package dev.bgan.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bgan.proto.TrainConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigFieldsTest {
  @Test
  void canonicalHasEveryFieldAndRoundTrips() {
    TrainConfig config = TrainConfig.newBuilder().setNumz(3).setLr(0.005).setSemiSupervised(true).setOptimizer("sgd").build();
    Map<String, String> params = ConfigFields.canonical(config);
    // An optional field enters the canonical form only when set (objective is unset here).
    long expected = TrainConfig.getDescriptor().getFields().stream().filter(f -> !f.hasPresence() || f.isRepeated() || config.hasField(f)).count();
    assertEquals(expected, params.size());
    assertTrue(TrainConfig.getDescriptor().getFields().size() > expected, "the optional objective field is left out");
    assertEquals("3", params.get("numz"));
    assertEquals("0.005", params.get("lr"));
    assertEquals("0", params.get("N"));
    TrainConfig.Builder back = TrainConfig.newBuilder();
    ConfigFields.setAll(back, params);
    assertEquals(config, back.build());
  }

  @Test
  void badNamesAndValuesNameTheParameter() {
    TrainConfig.Builder b = TrainConfig.newBuilder();
    assertTrue(assertThrows(BadInputException.class, () -> ConfigFields.set(b, "numzz", "1")).getMessage()
        .contains("unknown parameter 'numzz'"));
    assertEquals("parameter numz: expected a whole number from 0 to 2147483647 (got -1)",
        assertThrows(BadInputException.class, () -> ConfigFields.set(b, "numz", "-1")).getMessage());
    assertEquals("parameter train_iter: expected a whole number from 0 to 2147483647 (got 99999999999)",
        assertThrows(BadInputException.class, () -> ConfigFields.set(b, "train_iter", "99999999999")).getMessage());
    BadInputException unknown = assertThrows(BadInputException.class, () -> ConfigFields.set(b, "train-iter", "1"));
    assertTrue(unknown.getMessage().startsWith("unknown parameter 'train-iter' (did you mean 'train_iter'?); accepted: N, "),
        unknown.getMessage());
    assertFalse(unknown.getMessage().contains("Config"), "names no Java class: " + unknown.getMessage());
    assertEquals("parameter semi_supervised: expected true or false (got maybe)",
        assertThrows(BadInputException.class, () -> ConfigFields.set(b, "semi_supervised", "maybe")).getMessage());
  }
}
