package dev.bgan.artifact;

import dev.bgan.common.BuildInfo;
import dev.bgan.common.FileTrees;
import dev.bgan.common.MachineFacts;
import dev.bgan.common.Sha256;
import dev.bgan.proto.ArtifactManifest;
import dev.bgan.proto.Environment;
import dev.bgan.proto.PayloadFile;
import dev.bgan.proto.Timing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An artifact being written: a private directory under the store's {@code .tmp/} plus the
 * manifest fields only the stage knows (summary, engine and device). Closing an unpublished draft
 * deletes it.
 */
public final class ArtifactDraft implements AutoCloseable {
  private static final int DELETE_ATTEMPTS = 20;
  private static final long DELETE_PAUSE_MS = 100;

  private final ArtifactSpec spec;
  private final Path dir;
  private final long startedMs;
  private final ArtifactManifest.Builder manifest = ArtifactManifest.newBuilder();

  ArtifactDraft(ArtifactSpec spec, Path dir, long startedMs) {
    this.spec = spec;
    this.dir = dir;
    this.startedMs = startedMs;
    manifest.setEnvironment(hostEnvironment());
  }

  public String id() {
    return spec.cacheKey().artifactId(spec.kind());
  }

  public ArtifactSpec spec() {
    return spec;
  }

  /** Where the payload goes. */
  public Path dir() {
    return dir;
  }

  /** Stage-specific manifest fields: summary, environment details. Identity fields are set at publish. */
  public ArtifactManifest.Builder manifest() {
    return manifest;
  }

  ArtifactManifest seal() throws IOException {
    CacheKey key = spec.cacheKey();
    manifest.setSchemaVersion(ManifestFiles.SCHEMA_VERSION)
        .setId(key.artifactId(spec.kind()))
        .setKind(spec.kind())
        .setStage(spec.stage())
        .setStageVersion(spec.stageVersion())
        .clearParams().putAllParams(spec.params())
        .clearInputs().addAllInputs(spec.inputs())
        .clearSources().addAllSources(spec.sources())
        .setCacheKey(key.hex())
        .setCode(BuildInfo.codeVersion())
        .clearFiles();
    // Identity, not only a record of where it ran: the key of a container stage includes it.
    manifest.getEnvironmentBuilder().setContainerImage(spec.image());
    for (String path : ArtifactStore.payloadPaths(dir)) {
      Path file = dir.resolve(path);
      manifest.addFiles(PayloadFile.newBuilder()
          .setPath(path)
          .setSha256(Sha256.ofFile(file))
          .setSizeBytes(Files.size(file)));
    }
    long now = System.currentTimeMillis();
    manifest.setTiming(Timing.newBuilder().setCreatedUnixMs(now).setWallMs(now - startedMs));
    ArtifactManifest sealed = manifest.build();
    ManifestFiles.write(dir, sealed);
    return sealed;
  }

  private static Environment hostEnvironment() {
    return Environment.newBuilder()
        .setJavaVersion(System.getProperty("java.version"))
        .setOs(System.getProperty("os.name") + " " + System.getProperty("os.version"))
        .setArch(System.getProperty("os.arch"))
        .setAvailableProcessors(Runtime.getRuntime().availableProcessors())
        .setCpu(MachineFacts.cpu())
        .build();
  }

  @Override
  public void close() {
    // A failed Beam pipeline's worker threads can still be finishing writes into the draft (and
    // recreating its folders) when the stage's error arrives: delete until the folder stays gone.
    IOException failure = null;
    for (int attempt = 0; attempt < DELETE_ATTEMPTS && Files.exists(dir); attempt++) {
      try {
        FileTrees.deleteRecursively(dir);
        failure = null;
      } catch (IOException e) {
        failure = e;
      }
      pause();
    }
    if (Files.exists(dir)) {
      throw new UncheckedIOException("cannot remove draft " + dir,
          failure != null ? failure : new IOException("something keeps writing into it"));
    }
  }

  private static void pause() {
    try {
      Thread.sleep(DELETE_PAUSE_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
