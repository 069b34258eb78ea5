package dev.bgan.cli;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import dev.bgan.artifact.ArtifactStore;
import dev.bgan.artifact.CachePolicy;
import dev.bgan.common.ConfigFields;
import dev.bgan.stage.StageCall;
import dev.bgan.stage.StageRunner;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine;

/**
 * A single-stage command whose options are generated from the stage's config message: every
 * field is an option under its reference name ({@code --num_mcmc}) and a kebab-case alias
 * ({@code --num-mcmc}), so the command line, workflows and the cache key name the same fields.
 */
final class StageCommand implements Callable<Integer> {
  private final StageRunner runner;
  private final CommandSpec spec;
  private final List<FieldDescriptor> fields;
  private final Map<String, String> fixedOptions;
  private final StoreOption store;

  /** The input role of report whose option was --metrics, which evaluate uses for metric names. */
  static final String METRICS_IDS = "--metrics-ids";

  private final Map<OptionSpec, String> headings = new java.util.HashMap<>();
  /** The required inputs as the synopsis shows them, e.g. " --data ID". */
  private final String requiredInputs;

  private StageCommand(StageRunner runner, Message defaults, Set<String> optionNames, Map<String, String> fixedOptions,
      String description) {
    this.runner = runner;
    this.fixedOptions = fixedOptions;
    this.fields = defaults.getDescriptorForType().getFields().stream()
        .filter(field -> !fixedOptions.containsKey(field.getName()))
        .toList();
    this.spec = CommandSpec.wrapWithoutInspection(this);
    spec.mixinStandardHelpOptions(true);
    spec.usageMessage().description(description);
    StringBuilder synopsis = new StringBuilder();
    for (String role : runner.inputRoles()) {
      boolean required = !runner.optionalInputs().contains(role);
      OptionSpec.Builder input = OptionSpec.builder(inputNames(role)).paramLabel("ID").required(required);
      if (runner.repeatableInputs().contains(role)) {
        input.type(List.class).auxiliaryTypes(String.class).arity("1..*").description("input " + role + " artifact ids");
      } else {
        input.type(String.class).arity("1").description("input " + role + " artifact id");
      }
      if (required) {
        synopsis.append(' ').append(inputNames(role)[0]).append(" ID")
            .append(runner.repeatableInputs().contains(role) ? "..." : "");
      }
      add(input.build(), OptionHelp.INPUTS);
    }
    for (String option : optionNames) {
      if (!fixedOptions.containsKey(option)) {
        OptionSpec.Builder builder = OptionSpec.builder(optionNames(option)).paramLabel(OptionHelp.label(option))
            .type(String.class).description(OptionHelp.describe(option));
        if (runner.flagOptions().contains(option)) {
          builder.arity("0..1").fallbackValue("true").paramLabel("BOOL");
        }
        add(builder.build(), OptionHelp.group(option));
      }
    }
    Map<String, String> defaultValues = ConfigFields.canonical(defaults);
    for (FieldDescriptor field : fields) {
      String value = defaultValues.get(field.getName());
      OptionSpec.Builder option = OptionSpec.builder(OptionSpelling.allSpellings("--" + field.getName()))
          .type(String.class).paramLabel(OptionHelp.label(field))
          .description(OptionHelp.describe(field.getName())
              + (value != null && !value.isEmpty() ? " (default: " + value + ")" : ""));
      if (field.getJavaType() == FieldDescriptor.JavaType.BOOLEAN) {
        option.arity("0..1").fallbackValue("true").paramLabel("BOOL");
      }
      add(option.build(), OptionHelp.group(field.getName()));
    }
    add(OptionSpec.builder("--force").type(boolean.class).arity("0").defaultValue("false")
        .description("recompute even if the run cache holds this artifact").build(), OptionHelp.RUN);
    this.store = StoreOption.addTo(spec);
    this.requiredInputs = synopsis.toString();
  }

  private void add(OptionSpec option, String heading) {
    spec.addOption(option);
    headings.put(option, heading);
  }

  /** Both spellings of a stage option ({@code seed} also as {@code random_seed}). */
  private static String[] optionNames(String option) {
    return option.equals("seed") ? OptionSpelling.allSpellings("--random_seed", "--seed")
        : OptionSpelling.allSpellings("--" + option);
  }

  /** The option of an input role: its name, but report's metrics artifacts are --metrics-ids. */
  private String[] inputNames(String role) {
    return runner.name().equals("report") && role.equals("metrics")
        ? OptionSpelling.allSpellings(METRICS_IDS, "--metrics")
        : OptionSpelling.allSpellings("--" + role);
  }

  /** The heading an option is listed under in help: Run for --store and the like. */
  String heading(OptionSpec option) {
    return headings.getOrDefault(option, OptionHelp.RUN);
  }

  /** The command line of a stage command named {@code path} (e.g. "prepare mnist"), with grouped help. */
  private static CommandLine wire(StageCommand command, String path) {
    CommandLine cmd = new CommandLine(command.spec);
    command.spec.usageMessage().customSynopsis("bgan " + path + command.requiredInputs + " [OPTIONS]%n");
    OptionSpelling.groupHelp(cmd, command::heading);
    return cmd;
  }

  static CommandLine create(StageRunner runner, Message defaults, String description) {
    return wire(new StageCommand(runner, defaults, runner.optionNames(), Map.of(), description), runner.name());
  }

  /**
   * A command with some options fixed by its name, e.g. {@code prepare mnist} sets dataset=mnist,
   * offering only {@code optionNames} (those of the dataset).
   */
  static CommandLine createFixed(StageRunner runner, Message defaults, Set<String> optionNames,
      Map<String, String> fixed, String path, String description) {
    return wire(new StageCommand(runner, defaults, optionNames, fixed, description), path);
  }

  @Override
  public Integer call() throws Exception {
    Map<String, String> params = new LinkedHashMap<>();
    for (FieldDescriptor field : fields) {
      OptionSpec option = spec.findOption("--" + field.getName());
      if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
        params.put(field.getName(), option.getValue());
      }
    }
    ArtifactStore artifacts = store.open();
    Map<String, List<String>> inputs = new LinkedHashMap<>();
    for (String role : runner.inputRoles()) {
      OptionSpec option = spec.findOption("--" + role);
      if (!spec.commandLine().getParseResult().hasMatchedOption(option)) {
        continue;
      }
      List<String> given = runner.repeatableInputs().contains(role) ? option.<List<String>>getValue()
          : List.of(option.<String>getValue());
      // A unique prefix names its artifact; the stage (and its cache key) sees the whole id.
      inputs.put(role, given.stream().map(artifacts::resolve).toList());
    }
    Map<String, String> options = new LinkedHashMap<>(fixedOptions);
    for (String option : runner.optionNames()) {
      OptionSpec given = spec.findOption("--" + option);
      if (given != null && spec.commandLine().getParseResult().hasMatchedOption(given)) {
        options.put(option, given.getValue());
      }
    }
    if (runner.name().equals("report")) {
      OptionSpelling.warnIfUsed(spec.commandLine(), "--metrics", METRICS_IDS,
          "in evaluate, --metrics names the metrics to compute");
    }
    boolean force = spec.findOption("--force").getValue();
    ArtifactStore.Produced produced = runner.run(new StageCall(artifacts, params, inputs, options,
        force ? CachePolicy.FORCE : CachePolicy.REUSE));
    Output.printProduced(spec.commandLine(), runner.name(), produced);
    return 0;
  }
}
