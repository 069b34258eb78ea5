package dev.bgan.cli;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import dev.bgan.artifact.ArtifactStore;
import dev.bgan.artifact.CachePolicy;
import dev.bgan.common.ConfigFields;
import dev.bgan.workflow.StageCall;
import dev.bgan.workflow.StageRunner;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

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

  private StageCommand(StageRunner runner, Message defaults, Map<String, String> fixedOptions, String description) {
    this.runner = runner;
    this.fixedOptions = fixedOptions;
    this.fields = defaults.getDescriptorForType().getFields();
    this.spec = CommandSpec.wrapWithoutInspection(this);
    spec.mixinStandardHelpOptions(true);
    spec.usageMessage().description(description);
    for (String role : runner.inputRoles()) {
      OptionSpec.Builder input = OptionSpec.builder("--" + role).paramLabel("ID")
          .required(!runner.optionalInputs().contains(role));
      if (runner.repeatableInputs().contains(role)) {
        input.type(List.class).auxiliaryTypes(String.class).arity("1..*").description("input " + role + " artifact ids");
      } else {
        input.type(String.class).arity("1").description("input " + role + " artifact id");
      }
      spec.addOption(input.build());
    }
    for (String option : runner.optionNames()) {
      if (!fixedOptions.containsKey(option)) {
        OptionSpec.Builder builder = OptionSpec.builder("--" + option).paramLabel("VALUE").type(String.class)
            .description(OptionHelp.describe(option));
        if (runner.flagOptions().contains(option)) {
          builder.arity("0..1").fallbackValue("true").paramLabel("BOOL");
        }
        spec.addOption(builder.build());
      }
    }
    Map<String, String> defaultValues = ConfigFields.canonical(defaults);
    for (FieldDescriptor field : fields) {
      String name = "--" + field.getName();
      String kebab = "--" + field.getName().replace('_', '-');
      String[] names = kebab.equals(name) ? new String[] {name} : new String[] {name, kebab};
      OptionSpec.Builder option = OptionSpec.builder(names).type(String.class).paramLabel("VALUE")
          .description(OptionHelp.describe(field.getName())
              + (defaultValues.containsKey(field.getName()) ? " (default: " + defaultValues.get(field.getName()) + ")" : ""));
      if (field.getJavaType() == FieldDescriptor.JavaType.BOOLEAN) {
        option.arity("0..1").fallbackValue("true").paramLabel("BOOL");
      }
      spec.addOption(option.build());
    }
    spec.addOption(OptionSpec.builder("--force").type(boolean.class).arity("0").defaultValue("false")
        .description("recompute even if the run cache holds this artifact").build());
    this.store = StoreOption.addTo(spec);
  }

  static CommandLine create(StageRunner runner, Message defaults, String description) {
    return new CommandLine(new StageCommand(runner, defaults, Map.of(), description).spec);
  }

  /** A command with some options fixed by its name, e.g. {@code prepare mnist} sets dataset=mnist. */
  static CommandLine createFixed(StageRunner runner, Message defaults, Map<String, String> fixed, String description) {
    return new CommandLine(new StageCommand(runner, defaults, fixed, description).spec);
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
    Map<String, List<String>> inputs = new LinkedHashMap<>();
    for (String role : runner.inputRoles()) {
      OptionSpec option = spec.findOption("--" + role);
      if (!spec.commandLine().getParseResult().hasMatchedOption(option)) {
        continue;
      }
      inputs.put(role, runner.repeatableInputs().contains(role) ? option.<List<String>>getValue()
          : List.of(option.<String>getValue()));
    }
    Map<String, String> options = new LinkedHashMap<>(fixedOptions);
    for (String option : runner.optionNames()) {
      OptionSpec given = spec.findOption("--" + option);
      if (given != null && spec.commandLine().getParseResult().hasMatchedOption(given)) {
        options.put(option, given.getValue());
      }
    }
    boolean force = spec.findOption("--force").getValue();
    ArtifactStore artifacts = store.open();
    ArtifactStore.Produced produced = runner.run(new StageCall(artifacts, params, inputs, options,
        force ? CachePolicy.FORCE : CachePolicy.REUSE));
    Output.printProduced(spec.commandLine(), runner.name(), produced);
    return 0;
  }
}
