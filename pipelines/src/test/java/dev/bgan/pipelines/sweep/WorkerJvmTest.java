package dev.bgan.pipelines.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A sweep worker's stage JVM gets every setting of jvm.options, the file the launcher reads too. */
class WorkerJvmTest {
  private static final WorkerJvm JVM = new WorkerJvm("/usr/bin/java", "/lib/a.jar", 3, "abc123", "2g");

  private static List<String> fileLines() throws IOException {
    try (InputStream in = WorkerJvmTest.class.getResourceAsStream("/dev/bgan/cli/jvm.options")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
          .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }
  }

  @Test
  void commandCarriesEveryFlagOfTheFileWithTheThreadCount() throws IOException {
    List<String> command = JVM.command(List.of("train", "--store", "/s"));
    List<String> flags = fileLines().stream().filter(l -> l.startsWith("-")).toList();
    assertTrue(flags.size() >= 5, "the file names the JVM flags: " + flags);
    for (String flag : flags) {
      assertTrue(command.contains(flag.replace("{threads}", "3")), flag + " in " + command);
    }
    assertTrue(command.contains("-Dai.djl.pytorch.num_threads=3"));
    assertTrue(command.contains("-Dai.djl.offline=true"));
    assertFalse(command.stream().anyMatch(a -> a.contains("{threads}")), command.toString());
    assertEquals(List.of("/usr/bin/java", "-Xmx2g"), command.subList(0, 2));
    assertTrue(command.contains("-Dbgan.git.commit=abc123"));
    assertEquals(List.of("-cp", "/lib/a.jar", WorkerJvm.MAIN_CLASS, "train", "--store", "/s"),
        command.subList(command.size() - 6, command.size()));
  }

  @Test
  void environmentCarriesEveryVariableOfTheFile() throws IOException {
    Map<String, String> env = JVM.environment();
    List<String> variables = fileLines().stream().filter(l -> !l.startsWith("-")).toList();
    assertEquals(variables.size(), env.size(), env.toString());
    for (String line : variables) {
      String name = line.substring(0, line.indexOf('=')).replace("?", "");
      assertTrue(env.containsKey(name), name + " in " + env);
    }
    assertEquals("true", env.get("OPT_OUT_TRACKING"));
    assertEquals("3", env.get("OMP_NUM_THREADS"));
    String policy = System.getenv("OMP_WAIT_POLICY");
    assertEquals(policy == null || policy.isEmpty() ? "PASSIVE" : policy, env.get("OMP_WAIT_POLICY"));
  }

  @Test
  void aKeptVariableTakesTheEnvironmentsValueAndOnlyThat() {
    JvmSettings settings = JvmSettings.parse("# c\n\n-Dn={threads}\nA={threads}\nB?=PASSIVE\nC?=x\n");
    assertEquals(List.of("-Dn=4"), settings.flags(4));
    assertEquals(Map.of("A", "4", "B", "ACTIVE", "C", "x"),
        settings.environment(4, Map.of("A", "9", "B", "ACTIVE")));
  }
}
