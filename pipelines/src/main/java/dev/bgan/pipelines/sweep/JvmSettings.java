package dev.bgan.pipelines.sweep;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings of every bgan JVM, read from {@code dev/bgan/cli/jvm.options}: the one file the
 * {@code ./bgan} launcher (from the source tree) and {@link WorkerJvm} (from the class path) both
 * read. Each line is a JVM flag ({@code -FLAG}), an environment variable ({@code NAME=VALUE}) or an
 * environment variable that keeps a value the environment already has ({@code NAME?=VALUE});
 * {@value #THREADS} stands for the PyTorch thread count.
 *
 * @param lines the setting lines, comments and blank lines left out, placeholders not yet replaced
 */
record JvmSettings(List<String> lines) {
  static final String RESOURCE = "/dev/bgan/cli/jvm.options";
  static final String THREADS = "{threads}";

  JvmSettings {
    lines = List.copyOf(lines);
    for (String line : lines) {
      if (!line.startsWith("-") && !line.contains("=")) {
        throw new IllegalArgumentException(RESOURCE + ": not a flag nor NAME=VALUE: " + line);
      }
    }
  }

  /** The settings on the class path. */
  static JvmSettings onClassPath() {
    try (InputStream in = JvmSettings.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is not on the class path");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JvmSettings parse(String text) {
    return new JvmSettings(text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList());
  }

  /** The JVM flags, in the file's order. */
  List<String> flags(int threads) {
    return lines.stream().filter(l -> l.startsWith("-")).map(l -> l.replace(THREADS, Integer.toString(threads))).toList();
  }

  /**
   * The environment variables, in the file's order; a {@code NAME?=VALUE} takes its value from
   * {@code current} when that has one.
   */
  Map<String, String> environment(int threads, Map<String, String> current) {
    Map<String, String> env = new LinkedHashMap<>();
    for (String line : lines) {
      if (line.startsWith("-")) {
        continue;
      }
      int eq = line.indexOf('=');
      boolean keepCurrent = eq > 0 && line.charAt(eq - 1) == '?';
      String name = line.substring(0, keepCurrent ? eq - 1 : eq);
      String value = line.substring(eq + 1).replace(THREADS, Integer.toString(threads));
      String existing = current.get(name);
      env.put(name, keepCurrent && existing != null && !existing.isEmpty() ? existing : value);
    }
    return env;
  }
}
