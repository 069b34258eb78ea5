package dev.bgan.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * One spelling rule for every option of every command: a long option takes snake_case and
 * kebab-case alike ({@code --num_mcmc} = {@code --num-mcmc}, {@code --train-x} = {@code --train_x},
 * {@code --dry-run} = {@code --dry_run}). Help lists each option once, by its first name, under
 * headings, and says the rule once in its footer. Deprecated spellings are accepted with one line
 * on standard error.
 */
final class OptionSpelling {
  static final String RULE = "Every option takes snake_case or kebab-case alike: --num_mcmc = --num-mcmc.";

  private OptionSpelling() {}

  /** {@code --a_b} and {@code --a-b} for a long option name; the name alone otherwise. */
  static List<String> spellings(String name) {
    Set<String> names = new LinkedHashSet<>();
    names.add(name);
    if (name.startsWith("--")) {
      String body = name.substring(2);
      names.add("--" + body.replace('-', '_'));
      names.add("--" + body.replace('_', '-'));
    }
    return List.copyOf(names);
  }

  /** Every spelling of every name given, first names first. */
  static String[] allSpellings(String... names) {
    Set<String> all = new LinkedHashSet<>(List.of(names));
    for (String name : names) {
      all.addAll(spellings(name));
    }
    return all.toArray(String[]::new);
  }

  /**
   * Gives every option of {@code cmd} and its subcommands both spellings, and lists options once
   * each under headings ({@code headingOf}) in help. Inherited options are left to the command
   * that declares them.
   */
  static void apply(CommandLine cmd, Function<OptionSpec, String> headingOf) {
    CommandSpec spec = cmd.getCommandSpec();
    for (OptionSpec option : List.copyOf(spec.options())) {
      if (option.group() != null || option.inherited()) {
        continue;
      }
      List<String> names = new ArrayList<>(List.of(option.names()));
      for (String name : option.names()) {
        for (String alias : spellings(name)) {
          if (!names.contains(alias) && spec.findOption(alias) == null) {
            names.add(alias);
          }
        }
      }
      if (names.size() > option.names().length) {
        spec.remove(option);
        spec.addOption(option.toBuilder().names(names.toArray(String[]::new)).build());
      }
    }
    if (!List.of(cmd.getCommandSpec().usageMessage().footer()).contains(RULE)) {
      groupHelp(cmd, headingOf); // stage commands have grouped their help already
    }
    for (CommandLine sub : cmd.getSubcommands().values()) {
      if (sub.getParent() == cmd) {
        apply(sub, headingOf);
      }
    }
  }

  /** Help lists each option once (its first spelling; -h and -V keep theirs), grouped by heading. */
  static void groupHelp(CommandLine cmd, Function<OptionSpec, String> headingOf) {
    UsageMessageSpec usage = cmd.getCommandSpec().usageMessage();
    usage.longOptionsMaxWidth(28);
    if (!List.of(usage.footer()).contains(RULE)) {
      List<String> footer = new ArrayList<>(List.of(usage.footer()));
      footer.add(RULE);
      usage.footer(footer.toArray(String[]::new));
    }
    cmd.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_OPTION_LIST_HEADING, help -> "");
    cmd.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_OPTION_LIST, help -> optionList(help, headingOf));
  }

  private static String optionList(Help help, Function<OptionSpec, String> headingOf) {
    Map<String, List<OptionSpec>> byHeading = new LinkedHashMap<>();
    for (String heading : OptionHelp.HEADINGS) {
      byHeading.put(heading, new ArrayList<>());
    }
    for (OptionSpec option : help.commandSpec().options()) {
      if (option.hidden()) {
        continue;
      }
      if (!option.usageHelp() && !option.versionHelp()) {
        byHeading.computeIfAbsent(headingOf.apply(option), h -> new ArrayList<>()).add(displayed(option));
      }
    }
    // -h and -V close the list.
    for (OptionSpec option : help.commandSpec().options()) {
      if (option.usageHelp() || option.versionHelp()) {
        byHeading.computeIfAbsent(OptionHelp.RUN, h -> new ArrayList<>()).add(displayed(option));
      }
    }
    StringBuilder text = new StringBuilder();
    for (Map.Entry<String, List<OptionSpec>> group : byHeading.entrySet()) {
      if (group.getValue().isEmpty()) {
        continue;
      }
      Help.Layout layout = help.createDefaultLayout();
      for (OptionSpec option : group.getValue()) {
        layout.addOption(option, help.createDefaultParamLabelRenderer());
      }
      text.append(System.lineSeparator()).append(group.getKey()).append(":").append(System.lineSeparator())
          .append(layout);
    }
    return text.toString();
  }

  /** The option as help shows it: its first long spelling alone (short names kept). */
  private static OptionSpec displayed(OptionSpec option) {
    List<String> names = new ArrayList<>();
    for (String name : option.names()) {
      if (!name.startsWith("--")) {
        names.add(name);
      }
    }
    for (String name : option.names()) {
      if (name.startsWith("--")) {
        names.add(name);
        break;
      }
    }
    return option.toBuilder().names(names.toArray(String[]::new)).build();
  }

  /**
   * One line on standard error when the command line used {@code old} (alone or as
   * {@code old=value}), an option kept for old scripts.
   */
  static void warnIfUsed(CommandLine cmd, String old, String replacement, String why) {
    boolean used = cmd.getParseResult().originalArgs().stream()
        .anyMatch(arg -> arg.equals(old) || arg.startsWith(old + "="));
    if (used) {
      PrintWriter err = cmd.getErr();
      err.println("bgan: " + old + " is deprecated here, use " + replacement + " (" + why + ")");
      err.flush();
    }
  }
}
