package dev.bgan.testing;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The mount commands the store-fault tests run as root (tmpfs for a full disk, read-only bind
 * mounts), and the unmount their clean-up needs.
 */
public final class Mounts {
  private Mounts() {}

  /** Runs {@code command}, its output discarded; whether it exited 0. */
  public static boolean run(String... command) throws IOException, InterruptedException {
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start().waitFor() == 0;
  }

  /**
   * Unmounts {@code mount} for the temporary folder's clean-up. A failed in-process stage can leave a
   * file channel on it open until the garbage collector closes it (the process of a real run exits),
   * so a busy mount is retried after a collection and at last detached lazily.
   */
  public static void unmount(Path mount) throws IOException, InterruptedException {
    if (!run("umount", mount.toString())) {
      System.gc();
      Thread.sleep(500);
      if (!run("umount", mount.toString())) {
        run("umount", "-l", mount.toString());
      }
    }
  }
}
