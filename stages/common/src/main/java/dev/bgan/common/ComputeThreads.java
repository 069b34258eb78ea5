package dev.bgan.common;

/**
 * The number of threads one process computes with: PyTorch's intra-op threads and OpenBLAS's.
 * Results depend on it (a reduction split over threads adds in another order), so it is pinned:
 * {@value #PROPERTY}, which the {@code bgan} launcher sets from {@code BGAN_THREADS} (default: the
 * cores), and which sweep workers get from their parent; without it, the available processors.
 * The manifest records it as {@code environment.intra_op_threads}.
 */
public final class ComputeThreads {
  public static final String PROPERTY = "ai.djl.pytorch.num_threads";

  private ComputeThreads() {}

  public static int count() {
    int threads = Integer.getInteger(PROPERTY, Runtime.getRuntime().availableProcessors());
    if (threads < 1) {
      throw BadInputException.inParameter(PROPERTY, threads, "must be >= 1");
    }
    return threads;
  }
}
