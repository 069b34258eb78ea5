package dev.bgan.artifact;

import dev.bgan.proto.ArtifactManifest;
import dev.bgan.proto.InputRef;
import dev.bgan.proto.SourceFile;
import java.util.Optional;

/**
 * The chain of inputs of an artifact, down to the raw source files and their hashes, as an indented
 * tree. Text from manifests (file names, origins, parameters, roles) is printed escaped: a control
 * character such as a newline in a file name cannot start a line that looks like lineage.
 */
public final class Lineage {
  private final ArtifactStore store;

  public Lineage(ArtifactStore store) {
    this.store = store;
  }

  public String render(String id) {
    StringBuilder out = new StringBuilder();
    append(out, id, "", "");
    return out.toString();
  }

  private void append(StringBuilder out, String id, String role, String indent) {
    Optional<Artifact> found = store.find(id);
    String label = role.isEmpty() ? "" : printable(role) + ": ";
    if (found.isEmpty()) {
      out.append(indent).append(label).append(printable(id)).append("  (not in this store)\n");
      return;
    }
    ArtifactManifest m = found.get().manifest();
    out.append(indent).append(label).append(id)
        .append("  ").append(printable(m.getStage())).append(" v").append(m.getStageVersion())
        .append("  code ").append(m.getCode().getVersion()).append('@').append(m.getCode().getGitCommit())
        .append('\n');
    String inner = indent + "    ";
    if (!m.getParamsMap().isEmpty()) {
      out.append(inner).append("params: ");
      m.getParamsMap().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
          .forEach(e -> out.append(printable(e.getKey())).append('=').append(printable(e.getValue())).append(' '));
      out.setLength(out.length() - 1);
      out.append('\n');
    }
    for (SourceFile source : m.getSourcesList()) {
      out.append(inner).append("source: ").append(printable(source.getName()))
          .append("  sha256 ").append(source.getSha256())
          .append("  ").append(source.getSizeBytes()).append(" bytes  from ").append(printable(source.getOrigin()))
          .append('\n');
    }
    for (InputRef input : m.getInputsList()) {
      append(out, input.getId(), input.getRole(), inner);
    }
  }

  /** {@code text} with backslashes and control characters escaped ({@code \\n}, {@code \\u001b}). */
  public static String printable(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (Character.isISOControl(c) || Character.getType(c) == Character.LINE_SEPARATOR
              || Character.getType(c) == Character.PARAGRAPH_SEPARATOR) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
