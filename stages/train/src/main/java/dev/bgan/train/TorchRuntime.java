package dev.bgan.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.bgan.common.BadInputException;
import dev.bgan.common.ComputeThreads;
import dev.bgan.proto.Environment;
import dev.bgan.train.engine.TorchJni;

/**
 * The process-wide PyTorch settings training depends on. Results depend on the intra-op thread
 * count, so it is pinned and recorded; gradient mode is off outside gradient collectors, so that
 * the samplers may update leaf weights in place on whichever thread trains.
 */
public final class TorchRuntime {
  private TorchRuntime() {}

  /** Loads the engine (offline), pins threads and disables gradient mode on the calling thread. */
  public static Engine engine() {
    if (!"true".equals(System.getProperty("ai.djl.offline"))) {
      System.setProperty("ai.djl.offline", "true");
    }
    Engine engine = Engine.getEngine("PyTorch");
    int threads = ComputeThreads.count();
    // Always, not only when OpenMP's count differs: PyTorch's set_num_threads also sets MKL's count for
    // this thread, which other native libraries in the process may have changed (bytedeco's
    // blas_set_num_threads sets MKL's too, for OpenBLAS's single-threaded eigensolvers), and results
    // depend on it.
    TorchJni.setIntraOpThreads(threads);
    TorchJni.disableGradientMode();
    return engine;
  }

  /**
   * The device {@code --device} names: {@code cpu}, {@code gpu} (the first GPU; refused when PyTorch
   * sees none), or {@code auto} (the first GPU when PyTorch sees one, else the CPU).
   */
  public static Device device(String choice) {
    int gpus = engine().getGpuCount();
    return switch (choice) {
      case "cpu" -> Device.cpu();
      case "auto" -> gpus > 0 ? Device.gpu() : Device.cpu();
      case "gpu" -> {
        if (gpus == 0) {
          throw BadInputException.inParameter("device", choice, "but PyTorch sees no GPU (build with"
              + " `mvn -Pcuda package` for the CUDA library, and check the NVIDIA driver with nvidia-smi)");
        }
        yield Device.gpu();
      }
      default -> throw BadInputException.inParameter("device", choice, "must be one of cpu, gpu, auto");
    };
  }

  /** Engine, version and device of the environment, for the manifest. */
  public static Environment.Builder describe(Environment.Builder env, Device device) {
    Engine engine = engine();
    return env.setDjlVersion(Engine.getDjlVersion())
        .setEngine(engine.getEngineName())
        .setEngineVersion(engine.getVersion())
        .setDevice(device.toString())
        .setIntraOpThreads(TorchJni.intraOpThreads());
  }
}
