package dev.bgan.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bgan.proto.TrainConfig;
import dev.bgan.train.sampler.SamplerSettings;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The warning for runs that never leave the Adam warm-up, and the phase the progress line shows. */
class TrainConfigsTest {
  @Test
  void aRunShorterThanTheWarmUpWithANonAdamOptimizerIsWarnedAbout() {
    TrainConfig quickstart = TrainConfigs.defaults().setTrainIter(600).setOptimizer("sghmc").build();
    Optional<String> warning = TrainConfigs.samplerWarning(quickstart);
    assertEquals(Optional.of("train_iter 600 <= adam_warmup 5000: every iteration is the Adam warm-up (+ noise) and"
        + " optimizer sghmc never runs (set adam_warmup below train_iter to sample with sghmc)"), warning);
    assertTrue(TrainConfigs.samplerWarning(TrainConfigs.defaults().setTrainIter(5000).build()).isPresent(),
        "equal counts: the optimizer never runs");
    assertTrue(TrainConfigs.samplerWarning(TrainConfigs.defaults().setTrainIter(600).setMl(true).build()).orElseThrow()
        .contains("warm-up and optimizer sgd"), "no noise under maximum likelihood");
  }

  @Test
  void runsThatReachTheirOptimizerOrAskForAdamAreNot() {
    assertEquals(Optional.empty(), TrainConfigs.samplerWarning(TrainConfigs.defaults().setTrainIter(5001).build()));
    assertEquals(Optional.empty(), TrainConfigs.samplerWarning(TrainConfigs.defaults().setTrainIter(600).setAdamWarmup(100).build()));
    assertEquals(Optional.empty(), TrainConfigs.samplerWarning(TrainConfigs.defaults().setTrainIter(600).setOptimizer("adam").build()));
  }

  @Test
  void thePhaseIsTheWarmUpThenTheOptimizer() {
    SamplerSettings settings = SamplerSettings.of(TrainConfigs.defaults().setAdamWarmup(2).setOptimizer("sghmc").build());
    assertEquals("adam warm-up + noise", settings.phase(1));
    assertEquals("sghmc + noise", settings.phase(2));
    SamplerSettings ml = SamplerSettings.of(TrainConfigs.defaults().setAdamWarmup(0).setMl(true).build());
    assertEquals("sgd", ml.phase(0));
  }
}
