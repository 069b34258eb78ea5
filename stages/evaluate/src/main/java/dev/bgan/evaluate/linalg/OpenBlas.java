package dev.bgan.evaluate.linalg;

import dev.bgan.common.ComputeThreads;
import java.util.function.Supplier;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas;

/**
 * OpenBLAS, loaded on first use, run with a pinned thread count. Its thread count is process-wide,
 * so every native computation runs under one lock with the count it needs set first (something
 * else in the process, OpenCV's use of the same library, may have changed it):
 *
 * <ul>
 *   <li>{@link #parallel} for level-3 BLAS (DSYRK, DSYMM, DGEMM): {@link ComputeThreads#count()}
 *       threads, the {@code bgan} thread setting (also PyTorch's, recorded in manifests). A call
 *       splits its output among the threads and each thread adds in a fixed order, so the same
 *       inputs and thread count give the same bits; another count may change the last bits.
 *   <li>{@link #serial} for LAPACK's symmetric eigensolvers: one thread. Their tridiagonal reduction
 *       synchronises the threads at each of its d level-2 steps; on a busy machine every
 *       synchronisation waits for a descheduled thread, and a 2048 x 2048 DSYEVD took 27-31 s on 2
 *       threads against 3.5-5 s on 1 (2 cores at load 12; docs/fid.md). One thread also makes the
 *       eigenvalues independent of the thread setting.
 * </ul>
 */
public final class OpenBlas {
  private static final Object LOCK = new Object();
  private static boolean loaded;

  private OpenBlas() {}

  /** Runs {@code work} with OpenBLAS on the pinned {@link ComputeThreads#count()} threads. */
  public static <T> T parallel(Supplier<T> work) {
    return withThreads(ComputeThreads.count(), work);
  }

  /** Runs {@code work} with OpenBLAS on one thread. */
  public static <T> T serial(Supplier<T> work) {
    return withThreads(1, work);
  }

  private static <T> T withThreads(int threads, Supplier<T> work) {
    synchronized (LOCK) {
      if (!loaded) {
        Loader.load(openblas.class);
        loaded = true;
      }
      if (openblas.blas_get_num_threads() != threads) {
        openblas.blas_set_num_threads(threads);
      }
      return work.get();
    }
  }
}
