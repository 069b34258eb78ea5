package dev.bgan.common;

import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.security.MessageDigest;

/**
 * Child seeds derived from a run seed and a path of names, e.g. {@code child(seed, "generator", 3)}.
 * Every random component gets its own stream this way; none shares a global generator and none
 * reads the clock.
 */
public final class Seeds {
  private Seeds() {}

  public static long child(long seed, Object... path) {
    MessageDigest digest = Sha256.newDigest();
    digest.update(ByteBuffer.allocate(Long.BYTES).putLong(seed).array());
    for (Object part : path) {
      digest.update((byte) '/');
      digest.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
    }
    return ByteBuffer.wrap(digest.digest()).getLong();
  }
}
