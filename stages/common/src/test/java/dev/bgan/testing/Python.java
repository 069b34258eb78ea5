package dev.bgan.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs the independent Python computations that tests compare against. The interpreter is the
 * first of {@code python3} (the machine image's, with numpy and scipy) and {@code /usr/bin/python3}
 * (Debian's, with the python3-* packages such as scikit-learn and OpenCV) that can import every
 * module the script needs.
 */
public final class Python {
  private static final List<String> INTERPRETERS = List.of("python3", "/usr/bin/python3");
  private static final long TIMEOUT_MINUTES = 10;
  private static final Map<List<String>, String> FOUND = new ConcurrentHashMap<>();

  private Python() {}

  /** Runs {@code script} with {@code args} and returns its standard output and error; fails the test on error. */
  public static String run(List<String> modules, String script, String... args) {
    String interpreter = interpreterWith(modules);
    List<String> command = new ArrayList<>(List.of(interpreter, "-c", script));
    command.addAll(List.of(args));
    Result result = exec(command);
    if (result.exitCode != 0) {
      throw new IllegalStateException(interpreter + " failed (exit " + result.exitCode + "): " + result.output);
    }
    return result.output;
  }

  /** The interpreter that imports all of {@code modules}. */
  public static String interpreterWith(List<String> modules) {
    return FOUND.computeIfAbsent(List.copyOf(modules), m -> {
      String imports = m.isEmpty() ? "pass" : "import " + String.join(", ", m);
      for (String interpreter : INTERPRETERS) {
        if (exec(List.of(interpreter, "-c", imports)).exitCode == 0) {
          return interpreter;
        }
      }
      throw new IllegalStateException("no python3 imports " + m + " (tried " + INTERPRETERS
          + "; .ci/run installs the Debian packages the tests need)");
    });
  }

  private record Result(int exitCode, String output) {}

  private static Result exec(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        return new Result(-1, "timed out after " + TIMEOUT_MINUTES + " minutes: " + output);
      }
      return new Result(process.exitValue(), output);
    } catch (IOException e) {
      return new Result(-1, "cannot run " + command.get(0) + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command.get(0), e);
    }
  }
}
