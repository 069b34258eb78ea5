package dev.bgan.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code chromium}, headless, with a fresh profile and everything that would reach the
 * network switched off: loads a file and dumps its DOM after the load event, or takes a screenshot.
 */
final class HeadlessChromium {
  /** Debian's binary; {@code .ci/run} installs the package. */
  static final Path BINARY = Path.of("/usr/bin/chromium");

  /** Standard output (the DOM), standard error (the console log) and the exit code. */
  record Result(int exitCode, String out, String err) {}

  private HeadlessChromium() {}

  static boolean available() {
    return Files.isExecutable(BINARY);
  }

  static Result dumpDom(Path page, Path profile) throws IOException, InterruptedException {
    return run(profile, List.of("--dump-dom", page.toUri().toString()));
  }

  static Result screenshot(Path page, Path png, int width, int height, Path profile) throws IOException, InterruptedException {
    return run(profile, List.of("--screenshot=" + png, "--window-size=" + width + "," + height, "--hide-scrollbars",
        page.toUri().toString()));
  }

  private static Result run(Path profile, List<String> args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-extensions", "--user-data-dir=" + profile,
        // Console messages (and uncaught exceptions) go to standard error as "... CONSOLE(...)" lines.
        "--enable-logging=stderr", "--v=0",
        // Wait for the page's load event and its timers before dumping or shooting.
        "--virtual-time-budget=5000"));
    command.addAll(args);
    Path out = Files.createTempFile(profile.getParent(), "chromium", ".out");
    Path err = Files.createTempFile(profile.getParent(), "chromium", ".err");
    Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!process.waitFor(180, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("chromium did not finish in 180 s: " + command);
    }
    return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
