package dev.bgan.artifact;

import dev.bgan.common.Sha256;
import dev.bgan.proto.InputRef;
import dev.bgan.proto.SourceFile;
import java.util.Comparator;
import java.util.Map;

/**
 * SHA-256 over a canonical text of an {@link ArtifactSpec}. Input artifacts enter by id and raw
 * sources by content hash, so a changed upstream changes every key downstream of it. A stage run
 * in a container image has the key {@link #inImage} of the id it would have in the launcher's JVM
 * and the image id: another image is another artifact, and a stage run outside containers keeps
 * the key it always had.
 */
public record CacheKey(String hex) {
  /** Hex digits of the key kept in an artifact id: 64 bits, collisions are not a practical concern. */
  static final int ID_HEX_DIGITS = 16;

  public static CacheKey of(ArtifactSpec spec) {
    StringBuilder text = new StringBuilder();
    text.append("kind=").append(spec.kind()).append('\n');
    text.append("stage=").append(spec.stage()).append('\n');
    text.append("stage_version=").append(spec.stageVersion()).append('\n');
    for (Map.Entry<String, String> p : spec.params().entrySet()) {
      text.append("param.").append(p.getKey()).append('=').append(escape(p.getValue())).append('\n');
    }
    spec.inputs().stream()
        .sorted(Comparator.comparing(InputRef::getRole))
        .forEach(in -> text.append("input.").append(in.getRole()).append('=').append(in.getId()).append('\n'));
    spec.sources().stream()
        .sorted(Comparator.comparing(SourceFile::getName))
        .forEach(s -> text.append("source.").append(s.getName()).append('=').append(s.getSha256()).append('\n'));
    CacheKey inProcess = new CacheKey(Sha256.of(text.toString()));
    return spec.image().isEmpty() ? inProcess : inImage(inProcess.artifactId(spec.kind()), spec.image());
  }

  /**
   * The key of a stage run in image {@code imageId} whose run in the launcher's JVM has the id
   * {@code inProcessId}. Made from that id rather than from the spec's text so that a workflow
   * runner can plan a container stage's id from the in-process stage's planned id alone.
   */
  public static CacheKey inImage(String inProcessId, String imageId) {
    return new CacheKey(Sha256.of("in_process_id=" + inProcessId + "\ncontainer_image=" + imageId + "\n"));
  }

  /** The artifact id: kind, then the first 64 bits of the key, e.g. {@code model-3f9c0a1b2c3d4e5f}. */
  public String artifactId(String kind) {
    return kind + "-" + hex.substring(0, ID_HEX_DIGITS);
  }

  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\n", "\\n");
  }
}
