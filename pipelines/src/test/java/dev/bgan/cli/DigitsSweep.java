package dev.bgan.cli;

import dev.bgan.testing.DigitsNpy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A sweep workflow on scikit-learn's digits (written as .npy files by python3) whose runs take
 * seconds: widths 4, 4 iterations, 50 labels. {@code methods} is the YAML of its methods block.
 */
final class DigitsSweep {
  private DigitsSweep() {}

  /** Writes the digits .npy files into {@code dir} once and a workflow file; returns the workflow. */
  static Path write(Path dir, String name, String seeds, String methods) throws IOException {
    if (!Files.exists(dir.resolve("x_tr.npy"))) {
      DigitsNpy.write(dir);
    }
    String yaml = """
        name: %s
        stages:
          prepare:
            run: prepare
            options: {dataset: npy, name: digits, train-x: %s, train-y: %s, test-x: %s, test-y: %s}
          train:
            run: train
            inputs: {data: prepare}
            params: {semi_supervised: true, train_iter: 4, n_save: 2, batch_size: 32, gf_dim: 4, df_dim: 4, lr: 0.002, log_test_size: 100}
          evaluate:
            run: evaluate
            inputs: {model: train}
          report:
            run: report
            inputs: {metrics: [evaluate]}
            params: {title: "Digits sweep"}
        sweep:
          seeds: %s
          N: [50]
          methods:
        %s
        """.formatted(name, dir.resolve("x_tr.npy"), dir.resolve("y_tr.npy"), dir.resolve("x_te.npy"),
        dir.resolve("y_te.npy"), seeds, methods.indent(4).stripTrailing());
    Path file = dir.resolve(name + ".yaml");
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    return file;
  }
}
