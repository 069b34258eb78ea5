package dev.bgan.pipelines.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Runs one stage of a sweep run as a child JVM ({@code bgan STAGE --store S --ROLE ID ... --PARAM
 * VALUE ...}), its standard output and error kept in {@code LOGDIR/RUN.STEP.out|err}.
 */
public final class StageProcess {
  /** How a stage process ended. {@code artifactId} is empty unless it succeeded. */
  record Result(int exitCode, String artifactId, boolean computed, String errorLine, Path errorLog) {
    boolean ok() {
      return exitCode == 0;
    }
  }

  private StageProcess() {}

  static Result run(WorkerJvm jvm, Path store, String runKey, StageInvocation stage, Map<String, List<String>> inputIds,
      boolean force, Path logDir) throws IOException, InterruptedException {
    List<String> args = stage.arguments(store, inputIds, force);
    Files.createDirectories(logDir);
    Path out = logDir.resolve(runKey + "." + stage.step() + ".out");
    Path err = logDir.resolve(runKey + "." + stage.step() + ".err");
    ProcessBuilder builder = new ProcessBuilder(jvm.command(args))
        .redirectOutput(out.toFile())
        .redirectError(err.toFile());
    builder.environment().putAll(jvm.environment());
    int exit = builder.start().waitFor();
    List<String> stdout = nonBlank(Files.readAllLines(out, StandardCharsets.UTF_8));
    if (exit != 0) {
      return new Result(exit, "", false, lastErrorLine(Files.readAllLines(err, StandardCharsets.UTF_8), exit), err);
    }
    String id = stdout.isEmpty() ? "" : stdout.get(stdout.size() - 1).strip();
    // The stage command prints "STAGE: ID (computed|cached)" before the id.
    boolean computed = stdout.stream().anyMatch(line -> line.strip().endsWith(id + " (computed)"));
    return new Result(exit, id, computed, "", err);
  }

  /** The command line's one-line error ("error: ..."), else the last line written to standard error. */
  public static String lastErrorLine(List<String> stderr, int exit) {
    List<String> lines = nonBlank(stderr);
    for (int i = lines.size() - 1; i >= 0; i--) {
      if (lines.get(i).startsWith("error: ")) {
        return lines.get(i);
      }
    }
    return lines.isEmpty() ? "(nothing on standard error; exit code " + exit + ")" : lines.get(lines.size() - 1).strip();
  }

  private static List<String> nonBlank(List<String> lines) {
    return lines.stream().filter(l -> !l.isBlank()).toList();
  }
}
