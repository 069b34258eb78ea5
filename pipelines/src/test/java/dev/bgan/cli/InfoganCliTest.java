package dev.bgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** InfoGAN on the command line: its family, objective and options in train's help (their validation: InfoganTest). */
class InfoganCliTest {
  @Test
  void trainHelpListsTheFamilyTheObjectiveAndTheirOptionsUnderObjective() {
    CliRun run = CliRun.of("train", "--help");
    assertEquals(0, run.exitCode(), run.err());
    String help = run.out();
    for (String shown : List.of("--arch=orig|head|fc|acgan|infogan", "--objective=orig|head|lsgan|acgan|infogan",
        "--info_lambda=NUM", "--info_continuous_weight=NUM", "infogan: InfoGAN's")) {
      assertTrue(help.contains(shown), shown + "\n" + help);
    }
    String objective = help.substring(help.indexOf("\nObjective:"), help.indexOf("\nRun:"));
    assertTrue(objective.contains("--info_lambda=NUM") && objective.contains("--info_continuous_weight=NUM"), objective);
    assertTrue(help.lines().allMatch(l -> l.length() <= 80), help);
  }
}
