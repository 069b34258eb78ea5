package dev.bgan.artifact;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.bgan.common.ProtoJson;
import dev.bgan.common.Sha256;
import dev.bgan.proto.ArtifactManifest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The three manifest files of an artifact: {@code manifest.pb} (the record), {@code manifest.json}
 * (its rendering for people) and {@code manifest.sha256} (the seal over manifest.pb, in
 * {@code sha256sum -c} format), so that no byte of an artifact can change unnoticed.
 */
public final class ManifestFiles {
  public static final String PB = "manifest.pb";
  public static final String JSON = "manifest.json";
  public static final String SEAL = "manifest.sha256";
  /** The newest manifest schema this code writes; it reads every version up to it. */
  public static final int SCHEMA_VERSION = 1;

  private ManifestFiles() {}

  public static boolean isManifestFile(String relativePath) {
    return relativePath.equals(PB) || relativePath.equals(JSON) || relativePath.equals(SEAL);
  }

  /** Protobuf bytes with map entries in key order, so equal manifests give equal bytes. */
  public static byte[] serialize(ArtifactManifest manifest) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      CodedOutputStream out = CodedOutputStream.newInstance(bytes);
      out.useDeterministicSerialization();
      manifest.writeTo(out);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String toJson(ArtifactManifest manifest) {
    return ProtoJson.print(manifest);
  }

  public static String seal(byte[] manifestBytes) {
    return Sha256.of(manifestBytes) + "  " + PB + "\n";
  }

  static void write(Path dir, ArtifactManifest manifest) throws IOException {
    byte[] pb = serialize(manifest);
    Files.write(dir.resolve(PB), pb);
    Files.writeString(dir.resolve(JSON), toJson(manifest), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve(SEAL), seal(pb), StandardCharsets.UTF_8);
  }

  /** Reads manifest.pb; the caller verifies it against its seal when that matters. */
  public static ArtifactManifest read(Path dir) throws IOException {
    Path pb = dir.resolve(PB);
    try {
      ArtifactManifest manifest = ArtifactManifest.parseFrom(Files.readAllBytes(pb));
      if (manifest.getSchemaVersion() < 1 || manifest.getSchemaVersion() > SCHEMA_VERSION) {
        throw new IOException(pb + ": manifest schema version " + manifest.getSchemaVersion()
            + " is not one this build reads (1.." + SCHEMA_VERSION + ")");
      }
      return manifest;
    } catch (InvalidProtocolBufferException e) {
      throw new IOException(pb + ": not a valid manifest (" + e.getMessage() + ")", e);
    }
  }
}
