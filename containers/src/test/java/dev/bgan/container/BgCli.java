package dev.bgan.container;

import dev.bgan.cli.Bgan;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import picocli.CommandLine;

/** One in-process run of the {@code bgan} command line: exit code, standard output and error. */
record BgCli(int exitCode, String out, String err) {
  static BgCli of(List<String> args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cmd = Bgan.commandLine();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    int code = cmd.execute(args.toArray(String[]::new));
    return new BgCli(code, out.toString(), err.toString());
  }

  BgCli expectSuccess() {
    if (exitCode != 0) {
      throw new AssertionError("exit " + exitCode + "\nstdout:\n" + out + "\nstderr:\n" + err);
    }
    return this;
  }

  /** The lines of {@code bgan run}'s table: "STAGE ID cached|computed SECONDS s". */
  List<String[]> stageLines() {
    return out.lines().map(String::strip).map(l -> l.split("\\s+"))
        .filter(f -> f.length == 5 && f[4].equals("s") && (f[2].equals("cached") || f[2].equals("computed"))).toList();
  }
}
