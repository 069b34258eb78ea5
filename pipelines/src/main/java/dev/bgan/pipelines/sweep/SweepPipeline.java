package dev.bgan.pipelines.sweep;

import dev.bgan.prepare.stage.BeamRunner;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;

/**
 * The Beam pipeline of a sweep: the runs as elements, spread over the workers, each run executed
 * by {@link RunSweepElement}. Outputs are the artifacts the runs publish and one outcome file per
 * run in {@code outcomeDir}.
 */
final class SweepPipeline {
  private SweepPipeline() {}

  static void run(List<SweepRun> runs, BeamRunner runner, WorkerJvm jvm, Path store, Path workDir) {
    Pipeline pipeline = Pipeline.create(runner.options(workDir.resolve("beam-tmp"), "bgan-sweep"));
    pipeline
        .apply("Runs", Create.of(runs).withCoder(SerializableCoder.of(SweepRun.class)))
        // Create emits from one split: without a shuffle one worker would run every element.
        .apply("SpreadOverWorkers", Reshuffle.viaRandomKey())
        .apply("TrainAndEvaluate", ParDo.of(new RunSweepElement(jvm, store, outcomeDir(workDir), logDir(workDir))));
    pipeline.run().waitUntilFinish();
  }

  static Path outcomeDir(Path workDir) {
    return workDir.resolve("outcomes");
  }

  static Path logDir(Path workDir) {
    return workDir.resolve("logs");
  }
}
