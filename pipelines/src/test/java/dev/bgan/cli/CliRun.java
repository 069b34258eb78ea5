package dev.bgan.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import picocli.CommandLine;

/** One in-process run of the {@code bgan} command line: exit code, standard output and error. */
public record CliRun(int exitCode, String out, String err) {
  public static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cmd = Bgan.commandLine();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    int code = cmd.execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }

  /** The artifact id every command prints as its last line. */
  public String lastLine() {
    List<String> lines = out.lines().toList();
    return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
  }

  public CliRun expectSuccess() {
    if (exitCode != 0) {
      throw new AssertionError("exit " + exitCode + "\nstdout:\n" + out + "\nstderr:\n" + err);
    }
    return this;
  }
}
