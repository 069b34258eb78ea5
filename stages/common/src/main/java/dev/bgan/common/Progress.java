package dev.bgan.common;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressState;

/**
 * Progress of a long job on standard error (standard output carries the artifact id, which
 * scripts read from its last line). How it shows is {@link Mode}: {@code auto} (the default) draws
 * a bar redrawn in place when standard error is a terminal and writes a plain line every 30 seconds
 * otherwise, so that {@code id=$(bgan train ... | tail -n1)} still shows a live bar and CI logs stay
 * readable. The mode comes from {@code -Dbgan.progress} (set by {@code --progress}) or
 * {@code $BGAN_PROGRESS}; whether standard error is a terminal from {@code -Dbgan.stderr.tty}, which
 * the {@code bgan} launcher sets (Java itself can only tell whether standard output is one).
 *
 * <p>Every line has one fixed layout, at most {@value #WIDTH} columns:
 * {@code task  42% [#########           ] 252/600 it 3.1 it/s ETA 0:01:52 status}, the status cut
 * to what is left of the line, never the bar.
 */
public final class Progress implements AutoCloseable {
  /** How progress shows. */
  public enum Mode {
    /** bar on a terminal (standard error), plain lines otherwise */
    AUTO,
    /** a bar redrawn in place */
    BAR,
    /** one line every 30 seconds and at the end */
    PLAIN,
    /** nothing */
    NONE;

    /** {@code auto|bar|plain|none}, any case; a one-line error otherwise. */
    public static Mode parse(String text) {
      try {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw BadInputException.inParameter("progress", text, "must be one of auto, bar, plain, none");
      }
    }
  }

  /** System property holding the mode; {@code --progress} sets it. */
  public static final String MODE_PROPERTY = "bgan.progress";
  /** System property saying whether standard error is a terminal ({@code true}/{@code false}). */
  public static final String STDERR_TTY_PROPERTY = "bgan.stderr.tty";
  /** Columns of every progress line. */
  public static final int WIDTH = 80;
  static final int BAR_CELLS = 20;
  static final int PLAIN_INTERVAL_MILLIS = 30_000;
  static final int BAR_INTERVAL_MILLIS = 500;

  private final ProgressBar bar;

  private Progress(ProgressBar bar) {
    this.bar = bar;
  }

  /** The mode in force: the property, else the environment variable, else auto. */
  public static Mode mode() {
    String text = System.getProperty(MODE_PROPERTY, System.getenv().getOrDefault("BGAN_PROGRESS", "auto"));
    return Mode.parse(text);
  }

  /** {@code auto} resolved: a bar when standard error is a terminal, plain lines otherwise. */
  static Mode effective(Mode mode) {
    if (mode != Mode.AUTO) {
      return mode;
    }
    String tty = System.getProperty(STDERR_TTY_PROPERTY);
    boolean terminal = tty != null ? Boolean.parseBoolean(tty) : System.console() != null;
    return terminal ? Mode.BAR : Mode.PLAIN;
  }

  public static Progress start(String task, long total, long done, String unit) {
    return start(task, total, done, unit, effective(mode()), System.err);
  }

  static Progress start(String task, long total, long done, String unit, Mode mode, PrintStream err) {
    if (mode == Mode.NONE) {
      return new Progress(null);
    }
    boolean bar = mode == Mode.BAR;
    ProgressBarConsumer consumer = bar ? new InPlaceConsumer(err) : new PlainConsumer(err);
    ProgressBar progressBar = new ProgressBarBuilder()
        .setTaskName(task)
        .setInitialMax(total)
        .startsFrom(done, Duration.ZERO)
        .setRenderer((state, width) -> render(state, unit, Math.min(width, WIDTH)))
        .setUpdateIntervalMillis(bar ? BAR_INTERVAL_MILLIS : PLAIN_INTERVAL_MILLIS)
        .setConsumer(consumer)
        .build();
    return new Progress(progressBar);
  }

  public void step() {
    if (bar != null) {
      bar.step();
    }
  }

  public void stepBy(long n) {
    if (bar != null) {
      bar.stepBy(n);
    }
  }

  /** Text after the numbers (a phase, losses); cut to the room the line has. */
  public void status(String message) {
    if (bar != null) {
      bar.setExtraMessage(message);
    }
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }

  static String render(ProgressState state, String unit, int width) {
    return render(state.getTaskName(), state.getCurrent(), state.getMax(), state.getStart(),
        state.getElapsedAfterStart(), state.getExtraMessage(), unit, width);
  }

  /** The fixed layout; exactly {@code width} columns (padded), so a redraw leaves nothing behind. */
  static String render(String task, long current, long max, long start, Duration elapsed, String status,
      String unit, int width) {
    double fraction = max > 0 ? Math.min(1.0, (double) current / max) : 0;
    int filled = (int) Math.floor(fraction * BAR_CELLS);
    StringBuilder line = new StringBuilder();
    line.append(cut(task, 16)).append(' ')
        .append(String.format(Locale.ROOT, "%3d%%", (int) Math.floor(fraction * 100)))
        .append(" [").append("#".repeat(filled)).append(" ".repeat(BAR_CELLS - filled)).append("] ")
        .append(current).append('/').append(max).append(' ').append(unit);
    double seconds = elapsed.toMillis() / 1000.0;
    long doneHere = current - start;
    if (seconds > 0 && doneHere > 0) {
      double rate = doneHere / seconds;
      line.append(' ').append(rate >= 10 ? String.format(Locale.ROOT, "%.0f", rate)
          : String.format(Locale.ROOT, "%.2f", rate)).append('/').append('s');
      if (current < max) {
        line.append(" ETA ").append(clock(Math.round((max - current) / rate)));
      } else {
        line.append(" in ").append(clock(Math.round(seconds)));
      }
    }
    if (status != null && !status.isBlank()) {
      line.append("  ").append(status.strip());
    }
    String text = cut(line.toString(), width - 1);
    return text + " ".repeat(Math.max(0, width - 1 - text.length()));
  }

  private static String cut(String text, int max) {
    return text.length() <= max ? text : text.substring(0, Math.max(0, max - 1)) + "~";
  }

  private static String clock(long seconds) {
    return String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
  }

  /** Whole lines, each once: the final line is rendered twice on close. */
  private static final class PlainConsumer implements ProgressBarConsumer {
    private final PrintStream err;
    private String last;

    PlainConsumer(PrintStream err) {
      this.err = err;
    }

    @Override
    public int getMaxRenderedLength() {
      return WIDTH;
    }

    @Override
    public void accept(String line) {
      String text = line.stripTrailing();
      // The same progress again (only its rate moved): not a new line.
      String key = text.replaceAll(" [0-9.]+/s( ETA| in) [0-9:]+", "");
      if (!key.equals(last)) {
        err.println(text);
        err.flush();
        last = key;
      }
    }

    @Override
    public void close() {}
  }

  /** A line redrawn in place with a carriage return; the last one stays, followed by a newline. */
  private static final class InPlaceConsumer implements ProgressBarConsumer {
    private final PrintStream err;

    InPlaceConsumer(PrintStream err) {
      this.err = err;
    }

    @Override
    public int getMaxRenderedLength() {
      return WIDTH;
    }

    @Override
    public void accept(String line) {
      err.print('\r');
      err.print(line);
      err.flush();
    }

    @Override
    public void close() {
      err.println();
      err.flush();
    }
  }
}
