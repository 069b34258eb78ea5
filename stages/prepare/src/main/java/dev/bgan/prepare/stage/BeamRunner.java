package dev.bgan.prepare.stage;

import dev.bgan.common.BadInputException;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * Which Beam runner executes a pipeline: the DirectRunner (default), or Flink, embedded in this
 * process ({@code [local]}) or on a cluster ({@code host:port}). Pipelines write the same bytes on
 * either: every output file is made by one element, whatever the runner's parallelism.
 * {@code parallelism} is Flink's parallelism, or the DirectRunner's target parallelism (its threads).
 */
public record BeamRunner(String name, String flinkMaster, int parallelism) {
  /** The DirectRunner with its own default parallelism: this machine's cores, at least 3. */
  public static final BeamRunner DIRECT =
      new BeamRunner("direct", "[local]", Math.max(Runtime.getRuntime().availableProcessors(), 3));

  public BeamRunner {
    name = name.toLowerCase(Locale.ROOT);
    if (!name.equals("direct") && !name.equals("flink")) {
      throw BadInputException.inParameter("runner", name, "must be direct or flink");
    }
    if (parallelism < 1) {
      throw BadInputException.inParameter("parallelism", parallelism, "must be >= 1");
    }
    if (flinkMaster.isBlank()) {
      throw BadInputException.inParameter("flink_master", flinkMaster, "must be [local] or host:port");
    }
  }

  /** Flink with this machine's cores as parallelism, embedded unless {@code master} names a cluster. */
  public static BeamRunner flink(String master, int parallelism) {
    return new BeamRunner("flink", master, parallelism);
  }

  public PipelineOptions options(Path tempDir, String jobName) {
    PipelineOptions options = PipelineOptionsFactory.create();
    options.setTempLocation(tempDir.toString());
    options.setJobName(jobName);
    if (name.equals("flink")) {
      FlinkPipelineOptions flink = options.as(FlinkPipelineOptions.class);
      flink.setRunner(FlinkRunner.class);
      flink.setFlinkMaster(flinkMaster);
      flink.setParallelism(parallelism);
      // Batch execution: the pipelines are bounded and need no checkpointing.
      flink.setStreaming(false);
      return flink;
    }
    DirectOptions direct = options.as(DirectOptions.class);
    direct.setRunner(DirectRunner.class);
    direct.setTargetParallelism(parallelism);
    return direct;
  }
}
