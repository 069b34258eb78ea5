package dev.bgan.container;

import dev.bgan.artifact.ArtifactSpec;
import dev.bgan.common.BadInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The container engine's command line ({@code docker}, or what {@value #PROPERTY} names): looks up
 * an image, runs a container in the foreground, removes one. The engine's own messages ("Cannot
 * connect to the Docker daemon", "No such image") become one-line errors naming the stage.
 */
public record ContainerEngine(String command) {
  /** System property naming the engine's executable; {@code docker} by default. */
  public static final String PROPERTY = "bgan.container.engine";

  /** The engine this JVM is configured with. */
  public static ContainerEngine configured() {
    return new ContainerEngine(System.getProperty(PROPERTY, "docker"));
  }

  /** Looks up {@code reference}; throws a one-line error when the engine is missing or down, or the image is not built. */
  public StageImage inspect(String stage, String reference) {
    Captured result = capture(List.of(command, "image", "inspect", "--format",
        "{{.Id}} {{index .Config.Labels \"" + StageImage.COMMIT_LABEL + "\"}}", reference), stage, reference);
    if (result.exit() != 0) {
      String why = firstLine(result.stderr());
      if (why.contains("No such image")) {
        throw new BadInputException("stage " + stage + ": image " + reference
            + " is not built (containers/build.sh builds the images of this code)");
      }
      throw engineDown(stage, reference, why);
    }
    String[] fields = result.stdout().strip().split(" ", 2);
    if (!ArtifactSpec.isImageId(fields[0])) {
      throw new BadInputException("stage " + stage + ": " + command + " gave no image id for " + reference + ": "
          + firstLine(result.stdout()));
    }
    String commit = fields.length > 1 && !fields[1].isBlank() && !fields[1].equals("<no value>") ? fields[1].strip() : "unknown";
    return new StageImage(reference, fields[0], commit);
  }

  /**
   * Runs {@code docker run ARGS} in the foreground; each line of its standard error goes to
   * {@code stderrLines} as it comes, standard output is returned with the exit code.
   */
  public Captured run(List<String> runArguments, String stage, StageImage image, Consumer<String> stderrLines) {
    List<String> cmd = new ArrayList<>(List.of(command, "run"));
    cmd.addAll(runArguments);
    Process process = start(cmd, stage, image.reference());
    CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream(), line -> {}));
    String err = read(process.getErrorStream(), stderrLines);
    try {
      return new Captured(process.waitFor(), out.join(), err);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroy();
      throw new BadInputException("stage " + stage + " (image " + image + "): interrupted", e);
    }
  }

  /** Removes container {@code name} whatever its state (the launcher is going away while it runs). */
  public void forceRemove(String name) {
    try {
      new ProcessBuilder(command, "rm", "--force", name).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
    } catch (IOException e) {
      // The engine is gone too: nothing left to remove.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A finished engine command. */
  public record Captured(int exit, String stdout, String stderr) {}

  private Captured capture(List<String> cmd, String stage, String reference) {
    Process process = start(cmd, stage, reference);
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream(), line -> {}));
    String out = read(process.getInputStream(), line -> {});
    try {
      return new Captured(process.waitFor(), out, err.join());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BadInputException("stage " + stage + ": interrupted while asking " + command + " about " + reference, e);
    }
  }

  private Process start(List<String> cmd, String stage, String reference) {
    try {
      return new ProcessBuilder(cmd).start();
    } catch (IOException e) {
      throw engineDown(stage, reference, "cannot run " + command + " (" + e.getMessage() + ")");
    }
  }

  private BadInputException engineDown(String stage, String reference, String why) {
    return new BadInputException("stage " + stage + " (image " + reference + "): no container engine: " + why
        + " (start dockerd, or run the stage with --executor process)");
  }

  private static String read(InputStream in, Consumer<String> eachLine) {
    StringBuilder text = new StringBuilder();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        eachLine.accept(line);
        text.append(line).append('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  private static String firstLine(String text) {
    return text.strip().lines().findFirst().orElse("(no message)");
  }
}
