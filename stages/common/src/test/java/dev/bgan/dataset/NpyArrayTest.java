package dev.bgan.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bgan.common.BadInputException;
import dev.bgan.testing.Python;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** .npy files written by numpy, read back and compared with numpy's own conversions; then damaged and hostile ones. */
class NpyArrayTest {
  private static final List<String> CODES = List.of("|u1", "|i1", "<i2", ">i2", "<i4", ">i4", "<i8", ">i8", "<u2",
      ">u2", "<u4", ">u4", "<u8", ">u8", "<f4", ">f4", "<f8", ">f8", "|b1");

  /**
   * For each dtype a (3, 4, 5) array of random values (integer extremes and float specials
   * included), saved in C and Fortran order with format versions 1.0, 2.0 and 3.0; beside each
   * dtype, numpy's astype(float64), astype(float32) and (integers) astype(int64) in C order.
   * Then the special cases the other tests name.
   */
  private static final String WRITE = """
      import sys, numpy as np
      from numpy.lib import format as fmt
      d = sys.argv[1]
      rng = np.random.default_rng(7)
      def tag(code):
          return {'<': 'le', '>': 'be', '|': 'na'}[code[0]] + '_' + code[1:]
      def save(name, a, version=None):
          with open(d + '/' + name, 'wb') as f:
              fmt.write_array(f, a, version=version)
      for code in sys.argv[2].split(','):
          dt = np.dtype(code)
          native = dt.newbyteorder('=')
          if dt.kind == 'f':
              a = (rng.standard_normal((3, 4, 5)) * 1000).astype(native)
              a.flat[:6] = [np.nan, np.inf, -np.inf, -0.0, 1e-30, 3.0000001]
          elif dt.kind == 'b':
              a = rng.integers(0, 2, (3, 4, 5)).astype(native)
          else:
              info = np.iinfo(native)
              hi = min(int(info.max), 2**63 - 1)
              a = rng.integers(info.min, hi, (3, 4, 5), dtype=native, endpoint=True)
              a.flat[0], a.flat[1] = info.min, hi
          a = a.astype(dt)
          for order in 'CF':
              arr = np.asfortranarray(a) if order == 'F' else np.ascontiguousarray(a)
              for v in (1, 2, 3):
                  save('%s_%s_v%d.npy' % (tag(code), order, v), arr, (v, 0))
          open(d + '/%s.f8' % tag(code), 'wb').write(a.astype('<f8').tobytes())
          open(d + '/%s.f4' % tag(code), 'wb').write(a.astype('<f4').tobytes())
          if dt.kind in 'iub':
              open(d + '/%s.i8' % tag(code), 'wb').write(a.astype('<i8').tobytes())
      np.save(d + '/scalar.npy', np.array(3.5))
      np.save(d + '/empty.npy', np.zeros((0, 3), dtype='<f4'))
      np.save(d + '/rank4_fortran.npy', np.asfortranarray(np.arange(120, dtype='>i2').reshape(2, 3, 4, 5)))
      np.save(d + '/uint64_huge.npy', np.array([1, 2**64 - 1, 2**63], dtype='<u8'))
      open(d + '/uint64_huge.f8', 'wb').write(np.array([1, 2**64 - 1, 2**63], dtype='<u8').astype('<f8').tobytes())
      open(d + '/uint64_huge.f4', 'wb').write(np.array([1, 2**64 - 1, 2**63], dtype='<u8').astype('<f4').tobytes())
      np.save(d + '/integral_floats.npy', np.array([[0.0], [7.0], [-3.0]], dtype='<f8'))
      np.save(d + '/fractional_floats.npy', np.array([1.0, 2.5, 3.0], dtype='<f4'))
      np.save(d + '/nan_floats.npy', np.array([1.0, np.nan], dtype='<f8'))
      np.save(d + '/int32_in_byte_range.npy', np.array([[0, 255], [16, 128]], dtype='>i4'))
      np.save(d + '/int32_beyond_byte_range.npy', np.array([0, 17, 256], dtype='<i4'))
      np.save(d + '/object.npy', np.array([{'a': 1}, None], dtype=object), allow_pickle=True)
      np.save(d + '/structured.npy', np.zeros(3, dtype=[('x', '<f4'), ('y', '<i4')]))
      np.save(d + '/complex.npy', np.zeros(3, dtype='<c16'))
      np.save(d + '/float16.npy', np.zeros(3, dtype='<f2'))
      np.save(d + '/unicode.npy', np.array(['ab', 'cd']))
      np.save(d + '/datetime.npy', np.array(['2020-01-01'], dtype='M8[D]'))
      np.save(d + '/good.npy', np.arange(12, dtype='<i4').reshape(3, 4))
      """;

  @TempDir static Path dir;

  @BeforeAll
  static void writeFiles() {
    Python.run(List.of("numpy"), WRITE, dir.toString(), String.join(",", CODES));
  }

  private static String tag(String code) {
    return switch (code.charAt(0)) {
      case '<' -> "le";
      case '>' -> "be";
      default -> "na";
    } + "_" + code.substring(1);
  }

  @Test
  void everyDtypeOrderAndVersionReadsAsNumpyConvertsIt() throws IOException {
    for (String code : CODES) {
      String tag = tag(code);
      double[] expectDoubles = doublesOf(dir.resolve(tag + ".f8"));
      float[] expectFloats = floatsOf(dir.resolve(tag + ".f4"));
      long[] expectLongs = Files.exists(dir.resolve(tag + ".i8")) ? longsOf(dir.resolve(tag + ".i8")) : null;
      for (String order : List.of("C", "F")) {
        for (int version = 1; version <= 3; version++) {
          Path file = dir.resolve(tag + "_" + order + "_v" + version + ".npy");
          assertEquals(version, Files.readAllBytes(file)[6], file + " is written with the version it is named for");
          NpyArray array = NpyArray.read(file);
          String what = file.getFileName().toString();
          assertArrayEquals(new int[] {3, 4, 5}, array.shape(), what);
          assertEquals(60, array.size(), what);
          assertEquals(order.equals("F"), array.isFortranOrder(), what);
          assertEquals(numpyName(code), array.dtype().numpyName(), what);
          assertArrayEquals(expectDoubles, array.toDoubles(), what);
          assertArrayEquals(expectFloats, array.toFloats(), what);
          if (expectLongs != null) {
            assertArrayEquals(expectLongs, array.toLongs(), what);
          }
        }
      }
    }
  }

  /** numpy's name of a dtype code: '<u2' is uint16, '|b1' bool. */
  private static String numpyName(String code) {
    int bits = 8 * Integer.parseInt(code.substring(2));
    return switch (code.charAt(1)) {
      case 'u' -> "uint" + bits;
      case 'i' -> "int" + bits;
      case 'f' -> "float" + bits;
      default -> "bool";
    };
  }

  @Test
  void scalarEmptyAndRank4FortranArrays() {
    NpyArray scalar = NpyArray.read(dir.resolve("scalar.npy"));
    assertEquals(0, scalar.rank());
    assertEquals(1, scalar.size());
    assertArrayEquals(new double[] {3.5}, scalar.toDoubles());
    assertEquals("a float64 array of shape ()", scalar.describe());

    NpyArray empty = NpyArray.read(dir.resolve("empty.npy"));
    assertArrayEquals(new int[] {0, 3}, empty.shape());
    assertEquals(0, empty.toFloats().length);

    NpyArray rank4 = NpyArray.read(dir.resolve("rank4_fortran.npy"));
    assertTrue(rank4.isFortranOrder());
    long[] expected = new long[120];
    Arrays.setAll(expected, i -> i);
    assertArrayEquals(expected, rank4.toLongs(), "C order comes out whatever the file's order");
  }

  @Test
  void uint64BeyondTheLongRangeConvertsToFloatsButNotToLongs() throws IOException {
    Path file = dir.resolve("uint64_huge.npy");
    NpyArray array = NpyArray.read(file);
    assertArrayEquals(doublesOf(dir.resolve("uint64_huge.f8")), array.toDoubles());
    assertArrayEquals(floatsOf(dir.resolve("uint64_huge.f4")), array.toFloats());
    assertError(file, "value 18446744073709551615 at index 1 of a uint64 array of shape (3,) is beyond the signed 64-bit range",
        array::toLongs);
  }

  @Test
  void wholeFloatsAreLongsAndFractionsAreRefused() {
    assertArrayEquals(new long[] {0, 7, -3}, NpyArray.read(dir.resolve("integral_floats.npy")).toLongs());
    Path fractional = dir.resolve("fractional_floats.npy");
    assertError(fractional, "value 2.5 at index 1 of a float32 array of shape (3,) is not a whole number",
        () -> NpyArray.read(fractional).toLongs());
    Path nan = dir.resolve("nan_floats.npy");
    assertError(nan, "value NaN at index 1", () -> NpyArray.read(nan).toLongs());
  }

  @Test
  void uint8AcceptsWholeValuesFrom0To255() {
    byte[] bytes = NpyArray.read(dir.resolve("na_u1_F_v1.npy")).toUint8();
    long[] longs = NpyArray.read(dir.resolve("na_u1_C_v2.npy")).toLongs();
    for (int i = 0; i < longs.length; i++) {
      assertEquals(longs[i], bytes[i] & 0xff);
    }
    assertArrayEquals(new byte[] {0, (byte) 255, 16, (byte) 128},
        NpyArray.read(dir.resolve("int32_in_byte_range.npy")).toUint8());
    Path beyond = dir.resolve("int32_beyond_byte_range.npy");
    assertError(beyond, "value 256 at index 2 of an int32 array of shape (3,) is not a uint8 (0 to 255)",
        () -> NpyArray.read(beyond).toUint8());
  }

  @Test
  void unsupportedDtypesWrittenByNumpyAreRefused() {
    assertError(dir.resolve("object.npy"), "holds an object array, which is a pickle", null);
    assertError(dir.resolve("structured.npy"), "structured (record) dtype", null);
    assertError(dir.resolve("complex.npy"), "the .npy dtype '<c16' is not read (supported: bool, int8,", null);
    assertError(dir.resolve("float16.npy"), "the .npy dtype '<f2' is not read", null);
    assertError(dir.resolve("unicode.npy"), "the .npy dtype '<U2' is not read", null);
    assertError(dir.resolve("datetime.npy"), "the .npy dtype '<M8[D]' is not read", null);
  }

  @Test
  void damagedFilesAreRefusedNamingTheFile() throws IOException {
    byte[] good = Files.readAllBytes(dir.resolve("good.npy"));
    assertEquals(12, NpyArray.read(dir.resolve("good.npy")).size());

    byte[] badMagic = good.clone();
    badMagic[1] = 'X';
    assertError(write("bad_magic.npy", badMagic), "not a .npy file", null);
    assertError(write("short.npy", new byte[] {(byte) 0x93, 'N'}), "not a .npy file", null);
    assertError(write("version_only.npy", Arrays.copyOf(good, 7)), "truncated: the file ends inside the format version", null);
    assertError(write("cut_header.npy", Arrays.copyOf(good, 30)), "the file has 30 bytes", null);
    assertError(write("truncated.npy", Arrays.copyOf(good, good.length - 1)),
        "truncated: an int32 array of shape (3, 4) needs 48 bytes of data, the file has 47", null);
    assertError(write("trailing.npy", Arrays.copyOf(good, good.length + 1)),
        "trailing bytes: an int32 array of shape (3, 4) needs 48 bytes of data, the file has 49", null);
    byte[] version4 = good.clone();
    version4[6] = 4;
    assertError(write("version4.npy", version4), "unsupported .npy format version 4.0", null);
    byte[] longHeader = good.clone();
    longHeader[8] = (byte) 0xff;
    longHeader[9] = (byte) 0xff;
    assertError(write("long_header.npy", longHeader), "the .npy header length is 65535 bytes, but the file has", null);
    Path absent = dir.resolve("absent.npy");
    assertError(absent, "no such file", null);
  }

  @Test
  void hostileHeadersAreRefused() throws IOException {
    byte[] data = new byte[8];
    assertError(npy("list.npy", 1, "[1, 2]", data), "the .npy header is not a dict literal: [1, 2]", null);
    assertError(npy("call.npy", 1, "{'descr': __import__('os').system('true'), 'fortran_order': False, 'shape': (2,), }",
        data), "something that is not a Python literal", null);
    assertError(npy("missing_key.npy", 1, "{'descr': '<f8', 'shape': (1,), }", data), "has the keys", null);
    assertError(npy("extra_key.npy", 1, "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), 'x': 1}", data),
        "expected exactly [descr, fortran_order, shape]", null);
    assertError(npy("twice.npy", 1, "{'descr': '<f8', 'descr': '<f4', 'fortran_order': False, 'shape': (1,)}", data),
        "the key 'descr' twice", null);
    assertError(npy("shape_list.npy", 1, "{'descr': '<f8', 'fortran_order': False, 'shape': [1], }", data),
        "shape is [1], expected a tuple", null);
    assertError(npy("negative.npy", 1, "{'descr': '<f8', 'fortran_order': False, 'shape': (-1,), }", data),
        "dimension 0 of the .npy shape is -1", null);
    assertError(npy("huge_dim.npy", 2, "{'descr': '<f8', 'fortran_order': False, 'shape': (99999999999999999999,), }",
        data), "dimension 0 of the .npy shape is 99999999999999999999", null);
    assertError(npy("overflow.npy", 2, "{'descr': '|u1', 'fortran_order': False, 'shape': (2147483647, 2147483647, 8), }",
        data), "has 2 GiB of data or more", null);
    assertError(npy("native_order.npy", 1, "{'descr': '=f8', 'fortran_order': False, 'shape': (1,), }", data),
        "does not say its byte order", null);
    assertError(npy("order_none.npy", 1, "{'descr': '<f8', 'fortran_order': None, 'shape': (1,), }", data),
        "fortran_order is None, expected True or False", null);
    assertError(npy("unterminated.npy", 3, "{'descr': '<f8", data), "line break inside a string", null);
    assertError(npy("nested.npy", 1, "(".repeat(5000), data), "nested deeper than 32", null);
    // The header text after the dict may be padding only.
    assertError(npy("after.npy", 1, "{'descr': '<f8', 'fortran_order': False, 'shape': (1,)} 1", data),
        "text after the header's dict literal", null);
    // Python 2's numpy wrote long integers with an L.
    assertEquals(1, NpyArray.read(npy("py2.npy", 1, "{'descr': '<f8', 'fortran_order': False, 'shape': (1L,), }", data))
        .size());
  }

  private interface Action {
    void run();
  }

  /** {@code action} (reading {@code file} when null) fails with one line "FILE: ...PROBLEM...". */
  private static void assertError(Path file, String problem, Action action) {
    Action run = action != null ? action : () -> NpyArray.read(file);
    BadInputException e = assertThrows(BadInputException.class, run::run);
    assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
    assertTrue(e.getMessage().contains(problem), e.getMessage() + " should say " + problem);
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  private static Path write(String name, byte[] bytes) throws IOException {
    return Files.write(dir.resolve(name), bytes);
  }

  /** A .npy file of version {@code major} with {@code header} padded as numpy pads it. */
  private static Path npy(String name, int major, String header, byte[] data) throws IOException {
    int prefix = major == 1 ? 10 : 12;
    int total = (prefix + header.length() + 1 + 63) / 64 * 64;
    String padded = header + " ".repeat(total - prefix - header.length() - 1) + "\n";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
    ByteBuffer length = ByteBuffer.allocate(major == 1 ? 2 : 4).order(ByteOrder.LITTLE_ENDIAN);
    if (major == 1) {
      length.putShort((short) padded.length());
    } else {
      length.putInt(padded.length());
    }
    out.write(length.array());
    out.write(padded.getBytes(StandardCharsets.UTF_8));
    out.write(data);
    return write(name, out.toByteArray());
  }

  private static ByteBuffer littleEndian(Path file) throws IOException {
    return ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static double[] doublesOf(Path file) throws IOException {
    ByteBuffer b = littleEndian(file);
    double[] out = new double[b.remaining() / 8];
    b.asDoubleBuffer().get(out);
    return out;
  }

  private static float[] floatsOf(Path file) throws IOException {
    ByteBuffer b = littleEndian(file);
    float[] out = new float[b.remaining() / 4];
    b.asFloatBuffer().get(out);
    return out;
  }

  private static long[] longsOf(Path file) throws IOException {
    ByteBuffer b = littleEndian(file);
    long[] out = new long[b.remaining() / 8];
    b.asLongBuffer().get(out);
    return out;
  }
}
