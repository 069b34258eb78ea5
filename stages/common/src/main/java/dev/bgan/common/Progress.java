package dev.bgan.common;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar with rate and ETA on standard error (standard output carries the artifact id,
 * which scripts read from its last line). Redrawn in place on a terminal; written to a log or a
 * pipe, it is one plain line every 30 seconds instead, so CI logs stay readable.
 */
public final class Progress implements AutoCloseable {
  private final ProgressBar bar;

  private Progress(ProgressBar bar) {
    this.bar = bar;
  }

  public static Progress start(String task, long total, long done, String unit) {
    boolean terminal = System.console() != null;
    ProgressBar bar = new ProgressBarBuilder()
        .setTaskName(task)
        .setInitialMax(total)
        .startsFrom(done, java.time.Duration.ZERO)
        .setStyle(ProgressBarStyle.ASCII)
        .setUnit(" " + unit, 1)
        .showSpeed()
        .setUpdateIntervalMillis(terminal ? 500 : 30_000)
        .setConsumer(terminal
            ? new ConsoleProgressBarConsumer(System.err)
            : new DelegatingProgressBarConsumer(System.err::println))
        .build();
    return new Progress(bar);
  }

  public void step() {
    bar.step();
  }

  public void stepBy(long n) {
    bar.stepBy(n);
  }

  public void status(String message) {
    bar.setExtraMessage(" " + message);
  }

  @Override
  public void close() {
    bar.close();
  }
}
