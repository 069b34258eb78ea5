package dev.bgan.container;

import dev.bgan.proto.CodeVersion;

/**
 * A stage's image as the engine knows it.
 *
 * @param reference the name it was asked for, {@code bgan-STAGE:TAG}
 * @param id the image id, {@code sha256:...}: what the manifest records and the cache key includes
 * @param gitCommit the commit the image was built from (its {@value #COMMIT_LABEL} label), stamped
 *     into the manifests its stage writes
 */
public record StageImage(String reference, String id, String gitCommit) {
  /** The label containers/build.sh puts on every image: the commit (and -dirty) its jars were built from. */
  public static final String COMMIT_LABEL = "dev.bgan.git-commit";

  /** {@code bgan-STAGE:TAG}. */
  public static String reference(String stage, String tag) {
    return "bgan-" + stage + ":" + tag;
  }

  /**
   * The tag containers/build.sh gives the images of this code: the Maven version and the commit,
   * as the launcher stamps it ({@code 0.1.0-SNAPSHOT-1a2b3c4d5e6f}, with {@code -dirty} for a
   * working tree with uncommitted changes).
   */
  public static String tag(CodeVersion code) {
    return code.getVersion() + "-" + code.getGitCommit();
  }

  /** A short form for messages: the reference and the id's first 12 hex digits. */
  @Override
  public String toString() {
    return reference + " (" + id.substring(0, Math.min(id.length(), "sha256:".length() + 12)) + ")";
  }
}
