package dev.bgan.report;

import com.google.protobuf.Message;
import dev.bgan.artifact.Artifact;
import dev.bgan.artifact.ArtifactStore;
import dev.bgan.artifact.Lineage;
import dev.bgan.common.BadInputException;
import dev.bgan.common.ProtoJson;
import dev.bgan.proto.ArtifactManifest;
import dev.bgan.proto.EvaluationMetrics;
import dev.bgan.proto.InputRef;
import dev.bgan.proto.SourceFile;
import dev.bgan.proto.TrainingLog;
import dev.bgan.train.SamplerPhases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One metrics artifact with everything the report shows about it: the evaluation, the model it
 * evaluated (settings and training log), its sample and interpolation grids, real test images tiled as the
 * sample grids are, its lineage and the raw files at the root of that lineage.
 */
record EvaluatedModel(
    Artifact metrics,
    EvaluationMetrics evaluation,
    Artifact model,
    TrainingLog trainingLog,
    List<SampleGrid> grids,
    Optional<SampleGrid> realGrid,
    List<SampleGrid> interpolations,
    String lineage,
    List<SourceFile> rawSources) {

  static final String METRICS_FILE = "metrics.json";
  static final String TRAINING_LOG_FILE = "training_log.json";
  static final String MODEL_ROLE = "model";

  EvaluatedModel {
    grids = List.copyOf(grids);
    interpolations = List.copyOf(interpolations);
    rawSources = List.copyOf(rawSources);
  }

  static EvaluatedModel load(ArtifactStore store, Artifact metrics, RealImages realImages) throws IOException {
    EvaluationMetrics evaluation = readJson(metrics, METRICS_FILE, EvaluationMetrics.newBuilder()).build();
    String modelId = metrics.manifest().getInputsList().stream()
        .filter(in -> in.getRole().equals(MODEL_ROLE))
        .map(InputRef::getId)
        .findFirst()
        .orElseThrow(() -> new BadInputException("metrics artifact " + metrics.id() + " names no model input"));
    Artifact model = store.require(modelId, "model");
    TrainingLog log = readJson(model, TRAINING_LOG_FILE, TrainingLog.newBuilder()).build();
    List<SampleGrid> grids = new ArrayList<>();
    for (String path : evaluation.getSampleGridsList()) {
      grids.add(SampleGrid.read(metrics, path));
    }
    List<SampleGrid> interpolations = new ArrayList<>();
    for (String path : evaluation.getInterpolationGridsList()) {
      interpolations.add(SampleGrid.read(metrics, path));
    }
    Set<SourceFile> sources = new LinkedHashSet<>();
    collectSources(store, metrics.manifest(), sources, new HashSet<>());
    return new EvaluatedModel(metrics, evaluation, model, log, grids, realImages.beside(metrics, model), interpolations,
        new Lineage(store).render(metrics.id()), new ArrayList<>(sources));
  }

  /** A training parameter of the model as its manifest records it, or "n/a" for a model made without it. */
  String modelParam(String name) {
    return model.manifest().getParamsMap().getOrDefault(name, "n/a");
  }

  /** What moved the weights: {@link SamplerPhases}. */
  String sampler() {
    return SamplerPhases.describe(model.manifest().getParamsMap());
  }

  boolean hasSupervisedBaseline() {
    return model.manifest().getModel().getHasSupervisedBaseline();
  }

  /** Depth first, inputs in manifest order: the order the lineage text lists them. */
  private static void collectSources(
      ArtifactStore store, ArtifactManifest manifest, Set<SourceFile> sources, Set<String> visited) {
    sources.addAll(manifest.getSourcesList());
    for (InputRef input : manifest.getInputsList()) {
      if (visited.add(input.getId())) {
        // An input missing from this store is marked as such in the lineage text.
        store.find(input.getId()).ifPresent(a -> collectSources(store, a.manifest(), sources, visited));
      }
    }
  }

  private static <B extends Message.Builder> B readJson(Artifact artifact, String name, B builder) {
    Path file = artifact.file(name);
    if (!Files.isRegularFile(file)) {
      throw BadInputException.inFile(file, "missing from " + artifact.manifest().getKind() + " artifact " + artifact.id());
    }
    try {
      return ProtoJson.read(file, builder);
    } catch (IOException e) {
      throw BadInputException.inFile(file, "unreadable (" + e.getMessage() + ")");
    }
  }

  /** A PNG grid of generated images (sample or interpolation grid), as the metrics artifact stores it. */
  record SampleGrid(String path, byte[] png) {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    static SampleGrid read(Artifact metrics, String path) {
      // Only declared payload files: a listed path such as "../x" must not reach outside the artifact.
      boolean declared = metrics.manifest().getFilesList().stream().anyMatch(f -> f.getPath().equals(path));
      if (!declared) {
        throw new BadInputException("metrics artifact " + metrics.id() + ": sample grid '" + path
            + "' listed in " + METRICS_FILE + " is not one of its payload files");
      }
      Path file = metrics.file(path);
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(file);
      } catch (IOException e) {
        throw BadInputException.inFile(file, "unreadable (" + e.getMessage() + ")");
      }
      if (bytes.length < PNG_SIGNATURE.length
          || !Arrays.equals(bytes, 0, PNG_SIGNATURE.length, PNG_SIGNATURE, 0, PNG_SIGNATURE.length)) {
        throw BadInputException.inFile(file, "not a PNG image");
      }
      return new SampleGrid(path, bytes);
    }
  }
}
