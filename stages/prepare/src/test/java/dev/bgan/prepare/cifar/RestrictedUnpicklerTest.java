package dev.bgan.prepare.cifar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bgan.common.BadInputException;
import dev.bgan.testing.Cifar10TestFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pickles that are programs, truncated or not pickles at all: one line naming the file, nothing run. */
class RestrictedUnpicklerTest {
  @TempDir Path dir;

  @Test
  void hostilePicklesAreRefusedAndNothingRuns() throws IOException {
    Path markers = Files.createDirectory(dir.resolve("markers"));
    Path hostile = dir.resolve("hostile");
    List<String> names = Cifar10TestFiles.writeHostile(hostile, markers);
    Map<String, String> expected = Map.of(
        "os_system", "pickle names the global posix.system, which a CIFAR batch never does",
        "builtins_eval", "pickle names the global builtins.eval, which a CIFAR batch never does",
        "subprocess", "pickle names the global subprocess.call, which a CIFAR batch never does",
        "inst", "pickle names the global os.system, which a CIFAR batch never does",
        "inside_batch", "pickle names the global posix.system, which a CIFAR batch never does",
        "build", "pickle sets the state of a dict, which a CIFAR pickle never does");
    assertEquals(expected.keySet(), Set.copyOf(names));
    for (String name : names) {
      Path file = hostile.resolve(name);
      BadInputException e = assertThrows(BadInputException.class, () -> RestrictedUnpickler.load(file), name);
      assertEquals(file + ": " + expected.get(name), e.getMessage());
    }
    try (Stream<Path> created = Files.list(markers)) {
      assertEquals(List.of(), created.toList(), "no command of a hostile pickle ran");
    }
  }

  @Test
  void aTruncatedPickleSaysWhereItEnds() throws IOException {
    Path batchDir = dir.resolve("batches");
    Cifar10TestFiles.writeBatches(batchDir, Cifar10TestFiles.Style.PYTHON2, List.of(2, 2, 2, 2, 2, 2), 1);
    byte[] whole = Files.readAllBytes(batchDir.resolve("data_batch_1"));
    // The BINSTRING of the data starts at byte 149 (see pickletools.dis) and declares 2 x 3072 bytes.
    Path inData = write("in-data", Arrays.copyOf(whole, 149 + 5 + 100));
    BadInputException e = assertThrows(BadInputException.class, () -> RestrictedUnpickler.load(inData));
    assertEquals(inData + ": truncated: the opcode at byte 149 declares 6144 bytes of data, but only 100 follow",
        e.getMessage());
    Path beforeStop = write("before-stop", Arrays.copyOf(whole, whole.length - 1));
    e = assertThrows(BadInputException.class, () -> RestrictedUnpickler.load(beforeStop));
    assertEquals(beforeStop + ": truncated: the pickle ends after " + (whole.length - 1)
        + " bytes, before its STOP opcode", e.getMessage());
  }

  @Test
  void aHugeDeclaredLengthIsRefusedBeforeAnythingIsAllocated() throws IOException {
    // PROTO 2, BINBYTES8 of 2^62 bytes: Pyrolite would try to allocate it.
    Path file = write("huge", new byte[] {(byte) 0x80, 2, (byte) 0x8e, 0, 0, 0, 0, 0, 0, 0, 0x40, 'x'});
    BadInputException e = assertThrows(BadInputException.class, () -> RestrictedUnpickler.load(file));
    assertEquals(file + ": truncated: the opcode at byte 2 declares 4611686018427387904 bytes of data,"
        + " but only 1 follow", e.getMessage());
  }

  @Test
  void notAPickleIsOneLine() throws IOException {
    Path text = write("readme", "hello\nworld\n".getBytes(StandardCharsets.UTF_8));
    BadInputException e = assertThrows(BadInputException.class, () -> RestrictedUnpickler.load(text));
    assertTrue(e.getMessage().startsWith(text + ": not a valid pickle ("), e.getMessage());
    assertTrue(!e.getMessage().contains("\n"), e.getMessage());
    Path missing = dir.resolve("missing");
    e = assertThrows(BadInputException.class, () -> RestrictedUnpickler.load(missing));
    assertEquals(missing + ": not found", e.getMessage());
  }

  private Path write(String name, byte[] bytes) throws IOException {
    return Files.write(dir.resolve(name), bytes);
  }
}
