package dev.bgan.pipelines.sweep;

import dev.bgan.common.BadInputException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How a sweep worker starts a stage: a child JVM running the {@code bgan} command line with the
 * settings the {@code ./bgan} launcher gives every JVM. A child process per stage because one JVM
 * can train only one model at a time (DJL allows one gradient collector per process) and because
 * PyTorch's random generator is process-wide.
 *
 * @param java the java executable
 * @param classpath the bgan classpath: the same path must hold the same jars on every worker
 * @param threads PyTorch intra-op threads per stage; results depend on it, so it is pinned
 * @param gitCommit the code version stamped into manifests, as the launcher passes it (empty: none)
 * @param maxHeap the child's -Xmx
 */
public record WorkerJvm(String java, String classpath, int threads, String gitCommit, String maxHeap)
    implements Serializable {
  private static final long serialVersionUID = 1L;
  static final String MAIN_CLASS = "dev.bgan.cli.Bgan";
  /** Tensors live off the heap; the heap holds a dataset split at most. */
  static final String DEFAULT_MAX_HEAP = "3g";

  /** The JVM running this code: its java, its classpath, its PyTorch thread count and code version. */
  public static WorkerJvm ofThisProcess() {
    String java = ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    return new WorkerJvm(java, System.getProperty("java.class.path"),
        Integer.getInteger("ai.djl.pytorch.num_threads", 1), System.getProperty("bgan.git.commit", ""),
        DEFAULT_MAX_HEAP);
  }

  public WorkerJvm withThreads(int count) {
    if (count < 1) {
      throw BadInputException.inParameter("threads", count, "must be >= 1");
    }
    return new WorkerJvm(java, classpath, count, gitCommit, maxHeap);
  }

  /** The command line of {@code bgan ARGS...} in a child JVM, with the flags of {@link JvmSettings}. */
  public List<String> command(List<String> args) {
    List<String> command = new ArrayList<>(List.of(java, "-Xmx" + maxHeap));
    command.addAll(JvmSettings.onClassPath().flags(threads));
    if (!gitCommit.isEmpty()) {
      command.add("-Dbgan.git.commit=" + gitCommit);
    }
    command.addAll(List.of("-cp", classpath, MAIN_CLASS));
    command.addAll(args);
    return command;
  }

  /**
   * The environment of {@link JvmSettings}, as the launcher sets it: no DJL telemetry, OpenMP pinned
   * to the same thread count; a setting the file lets the environment keep is taken from this process's.
   */
  public Map<String, String> environment() {
    return JvmSettings.onClassPath().environment(threads, System.getenv());
  }
}
