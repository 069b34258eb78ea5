package dev.bgan.artifact;

import dev.bgan.common.BadInputException;
import dev.bgan.proto.InputRef;
import dev.bgan.proto.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything that determines an artifact's content: which stage (and algorithm version) made it,
 * with which parameters, from which inputs and raw sources, and the container image it ran in
 * ({@code image}, empty for a stage run in the launcher's JVM). Its cache key is a hash of exactly this.
 */
public record ArtifactSpec(
    String kind,
    String stage,
    int stageVersion,
    SortedMap<String, String> params,
    List<InputRef> inputs,
    List<SourceFile> sources,
    String image) {

  /**
   * The system property a container executor sets on the stage JVM it starts in an image: that
   * image's id ({@code sha256:<64 hex>}). Unset in the launcher's JVM.
   */
  public static final String IMAGE_PROPERTY = "bgan.container.image";

  public ArtifactSpec {
    requireName("kind", kind);
    requireName("stage", stage);
    if (stageVersion < 1) {
      throw new IllegalArgumentException("stage version must be >= 1, got " + stageVersion);
    }
    params = new TreeMap<>(params);
    inputs = List.copyOf(inputs);
    sources = List.copyOf(sources);
    if (!image.isEmpty() && !isImageId(image)) {
      throw new IllegalArgumentException("container image must be sha256:<64 hex digits>, got " + image);
    }
  }

  /** A spec of a stage run in the launcher's JVM, outside any container. */
  public ArtifactSpec(String kind, String stage, int stageVersion, SortedMap<String, String> params,
      List<InputRef> inputs, List<SourceFile> sources) {
    this(kind, stage, stageVersion, params, inputs, sources, "");
  }

  /** A stage's spec, in the image this JVM runs in when a container executor started it ({@link #IMAGE_PROPERTY}). */
  public static ArtifactSpec of(String kind, String stage, int stageVersion, Map<String, String> params) {
    return new ArtifactSpec(kind, stage, stageVersion, new TreeMap<>(params), List.of(), List.of(),
        System.getProperty(IMAGE_PROPERTY, ""));
  }

  /** Whether {@code text} is an image id as Docker prints it: {@code sha256:} and 64 hex digits. */
  public static boolean isImageId(String text) {
    return text.matches("sha256:[0-9a-f]{64}");
  }

  public ArtifactSpec withInput(String role, Artifact input) {
    return withInput(role, input.id());
  }

  /**
   * The same, naming the input by id alone (an id starts with its artifact's kind), so that a dry
   * run computes the ids of stages whose inputs do not exist yet.
   */
  public ArtifactSpec withInput(String role, String inputId) {
    if (!ArtifactStore.isArtifactId(inputId)) {
      throw new BadInputException("'" + inputId + "' is not an artifact id (expected KIND-<16 hex digits>)");
    }
    List<InputRef> more = new ArrayList<>(inputs);
    more.add(InputRef.newBuilder().setRole(role).setId(inputId)
        .setKind(inputId.substring(0, inputId.lastIndexOf('-'))).build());
    return new ArtifactSpec(kind, stage, stageVersion, params, more, sources, image);
  }

  public ArtifactSpec withSources(List<SourceFile> rawSources) {
    return new ArtifactSpec(kind, stage, stageVersion, params, inputs, rawSources, image);
  }

  public CacheKey cacheKey() {
    return CacheKey.of(this);
  }

  private static void requireName(String what, String value) {
    if (value == null || !value.matches("[a-z0-9][a-z0-9_/-]*")) {
      throw new IllegalArgumentException(what + " must be lower-case [a-z0-9_/-], got " + value);
    }
  }
}
