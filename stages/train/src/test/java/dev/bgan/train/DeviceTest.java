package dev.bgan.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import dev.bgan.artifact.ArtifactStore;
import dev.bgan.artifact.CachePolicy;
import dev.bgan.common.BadInputException;
import dev.bgan.testing.TestDatasets;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --device}: cpu, auto (GPU only when PyTorch sees one), gpu refused with a clear message where there is none. */
class DeviceTest {
  @TempDir Path tmp;

  @Test
  void autoAndCpuResolveToTheCpuWithoutAGpu() {
    assumeTrue(TorchRuntime.engine().getGpuCount() == 0, "this machine has a GPU");
    assertEquals(Device.cpu(), TorchRuntime.device("cpu"));
    assertEquals(Device.cpu(), TorchRuntime.device("auto"));
  }

  @Test
  void gpuWithoutOneIsRefusedBeforeAnythingIsPublished() throws IOException {
    assumeTrue(TorchRuntime.engine().getGpuCount() == 0, "this machine has a GPU");
    ArtifactStore store = ArtifactStore.open(tmp.resolve("store"));
    String data = TestDatasets.publish(store, "mnist-head", 10, RealMnistSplits.train(100), RealMnistSplits.test(10));
    BadInputException e = assertThrows(BadInputException.class, () -> new TrainStage().run(store, data,
        TrainConfigs.defaults().setDevice("gpu").setTrainIter(1).setGfDim(4).setDfDim(4).build(), CachePolicy.REUSE));
    assertTrue(e.getMessage().contains("device") && e.getMessage().contains("no GPU"), e.getMessage());
    assertEquals(1, store.list().size(), "only the dataset is in the store");
  }

  @Test
  void unknownDeviceIsRefusedByValidation() {
    BadInputException e = assertThrows(BadInputException.class,
        () -> TrainConfigs.validate(TrainConfigs.defaults().setDevice("tpu").build()));
    assertTrue(e.getMessage().contains("device") && e.getMessage().contains("tpu"), e.getMessage());
  }
}
