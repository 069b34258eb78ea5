package dev.bgan.prepare.cifar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bgan.common.BadInputException;
import dev.bgan.testing.Cifar10TestFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** numpy arrays and scalars as numpy itself pickles them, under every protocol, read back exactly. */
class NumpyArrayTest {
  private static final List<Integer> ALL_PROTOCOLS = List.of(0, 1, 2, 3, 4, 5);
  /** Item i of each array is i * step - offset: steps reach past 2^31 for uint32 and 2^53 for int64. */
  private static final Map<String, long[]> STEP_AND_OFFSET = Map.of(
      "u1", new long[] {10, 0},
      "<i2", new long[] {1000, 5000},
      ">i4", new long[] {100_000, 1_000_000},
      "<u4", new long[] {100_000_000, 0},
      "<i8", new long[] {1_000_000_000_000_000L, 10_000_000_000_000_000L},
      ">i8", new long[] {-1_000_000_000_000_000L, 0});

  @TempDir Path dir;

  @Test
  void integerArraysOfEveryProtocolAndByteOrder() {
    String arrays = STEP_AND_OFFSET.entrySet().stream()
        .map(e -> "'" + e.getKey() + "': (np.arange(24, dtype=np.int64) * " + e.getValue()[0] + " - "
            + e.getValue()[1] + ").astype('" + e.getKey() + "').reshape(2, 3, 4)")
        .collect(Collectors.joining(", ", "{", "}"));
    List<Path> files = Cifar10TestFiles.writePickles(dir, ALL_PROTOCOLS, arrays);
    for (Path file : files) {
      Map<?, ?> loaded = (Map<?, ?>) RestrictedUnpickler.load(file);
      for (Map.Entry<String, long[]> entry : STEP_AND_OFFSET.entrySet()) {
        NumpyArray array = (NumpyArray) loaded.get(entry.getKey());
        String where = file.getFileName() + ", dtype " + entry.getKey();
        assertArrayEquals(new int[] {2, 3, 4}, array.shape(), where);
        for (int i = 0; i < 24; i++) {
          assertEquals(i * entry.getValue()[0] - entry.getValue()[1], array.integerAt(i), where + ", item " + i);
        }
      }
    }
  }

  @Test
  void uint8DataIsTheRawBytesAndScalarsAreLongs() {
    List<Path> files = Cifar10TestFiles.writePickles(dir, ALL_PROTOCOLS,
        "{'data': np.arange(256, dtype=np.uint8).reshape(4, 64), 'labels': [np.int64(7), np.int32(-3), 2],"
            + " 'flat': np.array([3, 1, 4], dtype=np.int64), 'empty': np.zeros((0, 3072), dtype=np.uint8)}");
    byte[] bytes = new byte[256];
    IntStream.range(0, 256).forEach(i -> bytes[i] = (byte) i);
    for (Path file : files) {
      Map<?, ?> loaded = (Map<?, ?>) RestrictedUnpickler.load(file);
      NumpyArray data = (NumpyArray) loaded.get("data");
      assertEquals("a uint8 array of shape (4, 64)", data.describe(), file.toString());
      assertArrayEquals(bytes, data.data(), file.toString());
      assertEquals(List.of(7L, -3L, 2), loaded.get("labels"), file.toString());
      assertEquals("an int64 array of shape (3,)", ((NumpyArray) loaded.get("flat")).describe());
      assertEquals("a uint8 array of shape (0, 3072)", ((NumpyArray) loaded.get("empty")).describe());
    }
  }

  @Test
  void whatCifarNeverHoldsIsRefusedNamingTheFile() {
    String onlyIntegers = "; CIFAR pickles hold only integers (uint8 pixels, integer labels)";
    assertRefused("np.zeros((2, 2), dtype=np.float32)", "pickle holds numpy data of dtype 'f4'" + onlyIntegers);
    assertRefused("np.array(['a', 'b'])", "pickle holds numpy data of dtype 'U1'" + onlyIntegers);
    assertRefused("np.array([1, 'a'], dtype=object)", "pickle holds numpy data of dtype 'O8'" + onlyIntegers);
    assertRefused("np.asfortranarray(np.zeros((2, 3), dtype=np.uint8))",
        "pickle holds a Fortran-ordered numpy array; CIFAR arrays are C-ordered");
  }

  /** Refused the same way under protocol 2 (_reconstruct) and 5 (_frombuffer where numpy uses it). */
  private void assertRefused(String expression, String problem) {
    for (Path file : Cifar10TestFiles.writePickles(dir, List.of(2, 5), expression)) {
      BadInputException e = assertThrows(BadInputException.class, () -> RestrictedUnpickler.load(file), expression);
      assertEquals(file + ": " + problem, e.getMessage());
    }
  }
}
