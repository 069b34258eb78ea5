package dev.bgan.pipelines.sweep;

import dev.bgan.common.BadInputException;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * What became of one sweep run: the artifact id of each of its stages (as far as it got), and if
 * it failed, which stage, its exit code, the last error line and where its log is. Workers write
 * one file per run ({@code RUN.properties}) where the driver reads them after the pipeline.
 */
public record SweepOutcome(String key, Status status, Map<String, String> ids, String failedStage, int exitCode,
    String errorLine, String errorLog, double seconds) {

  /** A run's state after the sweep. */
  public enum Status {
    /** Every stage was in the store before the sweep; nothing was launched. */
    CACHED,
    /** At least one stage was computed. */
    COMPUTED,
    FAILED
  }

  public SweepOutcome {
    ids = Collections.unmodifiableMap(new LinkedHashMap<>(ids));
  }

  static SweepOutcome cached(String key, Map<String, String> ids) {
    return new SweepOutcome(key, Status.CACHED, ids, "", 0, "", "", 0);
  }

  /** The id of the run's last stage (its metrics), or empty if it failed before. */
  public String lastId(List<String> steps) {
    return ids.getOrDefault(steps.get(steps.size() - 1), "");
  }

  void write(Path dir) throws IOException {
    Properties p = new Properties();
    p.setProperty("key", key);
    p.setProperty("status", status.name());
    ids.forEach((step, id) -> p.setProperty("id." + step, id));
    p.setProperty("ids", String.join(",", ids.keySet()));
    p.setProperty("failed_stage", failedStage);
    p.setProperty("exit_code", Integer.toString(exitCode));
    p.setProperty("error", errorLine);
    p.setProperty("error_log", errorLog);
    p.setProperty("seconds", Double.toString(seconds));
    Files.createDirectories(dir);
    // Written aside and renamed, so that the driver never reads half a file.
    Path tmp = Files.createTempFile(dir, key, ".tmp");
    try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      p.store(out, null);
    }
    Files.move(tmp, dir.resolve(key + ".properties"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  static SweepOutcome read(Path file) {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
      Map<String, String> ids = new LinkedHashMap<>();
      String steps = p.getProperty("ids", "");
      if (!steps.isEmpty()) {
        for (String step : steps.split(",")) {
          ids.put(step, p.getProperty("id." + step));
        }
      }
      return new SweepOutcome(p.getProperty("key"), Status.valueOf(p.getProperty("status")), ids,
          p.getProperty("failed_stage"), Integer.parseInt(p.getProperty("exit_code")), p.getProperty("error"),
          p.getProperty("error_log"), Double.parseDouble(p.getProperty("seconds")));
    } catch (IOException | RuntimeException e) {
      throw BadInputException.inFile(file, "not a sweep outcome (" + e.getMessage() + ")");
    }
  }
}
