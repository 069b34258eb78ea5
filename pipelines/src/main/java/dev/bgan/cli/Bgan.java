package dev.bgan.cli;

import dev.bgan.common.BadInputException;
import dev.bgan.common.Progress;
import dev.bgan.evaluate.EvaluateStage;
import dev.bgan.prepare.stage.Datasets;
import dev.bgan.prepare.stage.PrepareRequest;
import dev.bgan.prepare.stage.PrepareRunner;
import dev.bgan.proto.PrepareConfig;
import dev.bgan.proto.ReportConfig;
import dev.bgan.train.TrainConfigs;
import dev.bgan.train.classifier.ClassifierStage;
import dev.bgan.workflow.StageRunners;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine;

/** Entry point of {@code ./bgan}. */
@Command(name = "bgan", mixinStandardHelpOptions = true, versionProvider = Bgan.Version.class,
    description = "Bayesian GAN reproduction pipeline: prepare -> train -> evaluate -> report, with versioned artifacts.",
    subcommands = {RunCommand.class, SweepCommand.class, CheckCommand.class, ArtifactsCommand.class, BenchCommand.class,
        MetricsCommand.class})
public final class Bgan {
  /** A bad command line, input file, id or store: one line on standard error. */
  static final int EXIT_USER_ERROR = 2;
  /** An unexpected exception: a bug (or a fault of the machine), reported with its stack trace. */
  static final int EXIT_INTERNAL_ERROR = 3;

  @Option(names = "--progress", paramLabel = "MODE", scope = ScopeType.INHERIT,
      description = "auto|bar|plain|none: progress on standard error; auto (default, or $BGAN_PROGRESS): a bar"
          + " when standard error is a terminal, else a plain line every 30 s")
  void progress(Progress.Mode mode) {
    System.setProperty(Progress.MODE_PROPERTY, mode.name().toLowerCase(java.util.Locale.ROOT));
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code; tests call this instead of main. */
  public static int run(String... args) {
    return commandLine().execute(args);
  }

  public static CommandLine commandLine() {
    CommandLine cmd = new CommandLine(new Bgan());
    CommandLine prepare = new CommandLine(new PrepareGroup());
    for (Datasets.Dataset dataset : Datasets.commands()) {
      prepare.addSubcommand(dataset.name(), StageCommand.createFixed(StageRunners.get("prepare"),
          PrepareConfig.newBuilder().setDataset(dataset.name()).setNumShards(PrepareRequest.DEFAULT_NUM_SHARDS).build(),
          PrepareRunner.optionNames(dataset.name()), Map.of(PrepareRunner.DATASET, dataset.name()),
          "prepare " + dataset.name(), dataset.description()));
    }
    cmd.addSubcommand("prepare", prepare);
    cmd.addSubcommand("train", StageCommand.create(StageRunners.get("train"), TrainConfigs.defaults().build(),
        "Train a Bayesian GAN (SGHMC over generator and discriminator weights) on a dataset artifact."));
    cmd.addSubcommand(ClassifierStage.STAGE, StageCommand.create(StageRunners.get(ClassifierStage.STAGE),
        ClassifierStage.defaults().build(), "Train the evaluation classifier of a dataset artifact: its penultimate"
            + " features are FID's feature space, its softmax the Inception Score's p(y|x)."));
    cmd.addSubcommand("evaluate", StageCommand.create(StageRunners.get("evaluate"), EvaluateStage.defaults().build(),
        "Test accuracy by Bayesian model averaging, baselines and sample grids of a model artifact; on request FID,"
            + " Inception Score (per generator sample and pooled) and latent interpolation grids."));
    cmd.addSubcommand("report", StageCommand.create(StageRunners.get("report"), ReportConfig.newBuilder().build(),
        "A self-contained HTML report of one or more metrics artifacts."));
    // Annotated commands (run, sweep, check, ...): both spellings, and help that lists each option once.
    OptionSpelling.apply(cmd, option -> option.names()[0].equals("--store") || option.names()[0].equals("--progress")
        ? OptionHelp.RUN : OptionHelp.OPTIONS);
    cmd.setCaseInsensitiveEnumValuesAllowed(true); // --progress plain; set last, it reaches every subcommand
    // A mistyped command line: the error, a suggestion, where help is; not the whole usage.
    cmd.setParameterExceptionHandler((e, args) -> {
      CommandLine bad = e.getCommandLine();
      // picocli checks required options before it reports unknown ones; a misspelt option is the
      // real mistake then, and its suggestion the useful answer.
      if (e instanceof CommandLine.MissingParameterException && !bad.getUnmatchedArguments().isEmpty()) {
        e = new CommandLine.UnmatchedArgumentException(bad, bad.getUnmatchedArguments());
      }
      bad.getErr().println("error: " + e.getMessage());
      CommandLine.UnmatchedArgumentException.printSuggestions(e, bad.getErr());
      bad.getErr().println("(bgan " + bad.getCommandSpec().qualifiedName(" ").replaceFirst("^bgan ?", "")
          + " --help lists the options)");
      bad.getErr().flush();
      return EXIT_USER_ERROR;
    });
    // Exit codes (docs/cli.md): 0 done; 1 done, and the answer is no (check: a regression; verify: a
    // corrupt artifact; sweep: a failed run); 2 the user's error, one line; 3 a bug, with its stack trace.
    cmd.setExecutionExceptionHandler((e, command, parseResult) -> {
      if (e instanceof BadInputException || e instanceof dev.bgan.train.TrainingDivergedException) {
        command.getErr().println("error: " + e.getMessage());
        return EXIT_USER_ERROR;
      }
      e.printStackTrace(command.getErr());
      command.getErr().println("error: internal error (" + e + "); the stack trace above is for a bug report");
      command.getErr().flush();
      return EXIT_INTERNAL_ERROR;
    });
    return cmd;
  }

  @Command(name = "prepare", mixinStandardHelpOptions = true,
      description = "Prepare a dataset artifact (TFRecord shards of tf.train.Example records).")
  static final class PrepareGroup {}

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      var code = dev.bgan.common.BuildInfo.codeVersion();
      return new String[] {"bgan " + code.getVersion() + " (" + code.getGitCommit() + ")"};
    }
  }
}
