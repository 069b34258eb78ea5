package dev.bgan.common;

import dev.bgan.proto.CodeVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The code version stamped into every manifest: the Maven version from the build, and the git
 * commit the launcher passes as {@code -Dbgan.git.commit} ("unknown" when run outside it).
 */
public final class BuildInfo {
  private BuildInfo() {}

  public static CodeVersion codeVersion() {
    Properties props = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
      if (in != null) {
        props.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return CodeVersion.newBuilder()
        .setVersion(props.getProperty("version", "unknown"))
        .setGitCommit(System.getProperty("bgan.git.commit", "unknown"))
        .build();
  }
}
