package dev.bgan.prepare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarGzArchiveTest {
  @TempDir Path tmp;

  @Test
  void extractsOnlyTheWantedRegularFiles() throws IOException {
    Path archive = archive("package/data/a", "package/data/b", "package/readme.md");
    Path target = tmp.resolve("out");
    List<Path> extracted = TarGzArchive.extract(archive, target, name -> name.startsWith("package/data/"));
    assertEquals(List.of(target.resolve("package/data/a"), target.resolve("package/data/b")), extracted);
    assertEquals("package/data/a", Files.readString(target.resolve("package/data/a")));
    assertFalse(Files.exists(target.resolve("package/readme.md")));
  }

  @Test
  void refusesAnArchiveWithAnEntryOutsideTheTarget() throws IOException {
    for (String evil : List.of("package/../../escaped", "/tmp/absolute-escape")) {
      Path archive = archive("package/data/a", evil);
      Path target = tmp.resolve("out");
      IOException e = assertThrows(IOException.class, () -> TarGzArchive.extract(archive, target, name -> true));
      assertTrue(e.getMessage().contains("would be written outside"), e.getMessage());
      assertFalse(Files.exists(tmp.resolve("escaped")));
    }
  }

  /** A .tar.gz whose entries hold their own names as content. */
  private Path archive(String... names) throws IOException {
    Path archive = Files.createTempFile(tmp, "archive", ".tgz");
    try (OutputStream file = Files.newOutputStream(archive);
         TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(file))) {
      for (String name : names) {
        byte[] content = name.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(name, true);
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
      }
    }
    return archive;
  }
}
