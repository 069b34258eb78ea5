package dev.bgan.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The progress line's fixed layout and the modes. */
class ProgressTest {
  @Test
  void everyLineIsEightyColumnsWithTheBarWholeWhateverTheStatus() {
    String status = "adam warm-up  d 1.234 g 0.987 acc 0.912 and a great deal more text than fits on any line";
    for (long current : new long[] {0, 1, 252, 600}) {
      String line = Progress.render("train", current, 600, 0, Duration.ofSeconds(80), status, "it", Progress.WIDTH);
      assertEquals(Progress.WIDTH - 1, line.length(), line);
      assertTrue(line.matches("train +\\d+% \\[[# ]{20}\\] .*"), line);
    }
    String mid = Progress.render("train", 300, 600, 0, Duration.ofSeconds(100), "adam warm-up", "it", 80);
    assertTrue(mid.startsWith("train  50% [##########          ] 300/600 it 3.00/s ETA 0:01:40  adam warm-up"), mid);
    String end = Progress.render("train", 600, 600, 0, Duration.ofSeconds(200), "", "it", 80);
    assertTrue(end.contains("600/600 it 3.00/s in 0:03:20"), end);
  }

  @Test
  void autoIsABarOnlyWhenStandardErrorIsATerminal() {
    String saved = System.getProperty(Progress.STDERR_TTY_PROPERTY);
    try {
      System.setProperty(Progress.STDERR_TTY_PROPERTY, "true");
      assertEquals(Progress.Mode.BAR, Progress.effective(Progress.Mode.AUTO));
      System.setProperty(Progress.STDERR_TTY_PROPERTY, "false");
      assertEquals(Progress.Mode.PLAIN, Progress.effective(Progress.Mode.AUTO));
      assertEquals(Progress.Mode.BAR, Progress.effective(Progress.Mode.BAR));
    } finally {
      if (saved == null) {
        System.clearProperty(Progress.STDERR_TTY_PROPERTY);
      } else {
        System.setProperty(Progress.STDERR_TTY_PROPERTY, saved);
      }
    }
    assertEquals(Progress.Mode.NONE, Progress.Mode.parse("None"));
    BadInputException bad = assertThrows(BadInputException.class, () -> Progress.Mode.parse("fancy"));
    assertTrue(bad.getMessage().contains("auto, bar, plain, none"), bad.getMessage());
  }

  @Test
  void plainWritesWholeLinesAndNoneWritesNothing() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    try (Progress progress = Progress.start("train", 10, 0, "it", Progress.Mode.PLAIN, err)) {
      progress.stepBy(10);
      progress.status("sghmc");
    }
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertFalse(text.contains("\r"), text);
    assertTrue(text.lines().allMatch(l -> l.length() < Progress.WIDTH && !l.endsWith(" ")), text);
    assertTrue(text.contains("10/10 it"), text);
    bytes.reset();
    try (Progress progress = Progress.start("train", 10, 0, "it", Progress.Mode.NONE, err)) {
      progress.stepBy(10);
    }
    assertEquals("", bytes.toString(StandardCharsets.UTF_8));
  }
}
