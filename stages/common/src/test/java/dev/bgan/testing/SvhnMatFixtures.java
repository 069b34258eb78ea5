package dev.bgan.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SVHN-format .mat files written by scipy ({@code scipy.io.savemat}, MATLAB v5) from a python3
 * subprocess, and what numpy reads back from such files, so that Java readers are checked against
 * an independent implementation of the format. The python helpers {@code images(n, seed)}
 * (uint8, shape (32, 32, 3, n)) and {@code labels(n, seed, dtype)} (shape (n, 1), values 1..10, the
 * first one 10) are there for the variables of {@link #savemat}.
 */
public final class SvhnMatFixtures {
  private static final String HELPERS = String.join("\n",
      "import sys, hashlib",
      "import numpy as np",
      "import scipy.io as sio",
      "def images(n, seed=0):",
      "    return np.random.default_rng(seed).integers(0, 256, (32, 32, 3, n), dtype=np.uint8)",
      "def labels(n, seed=0, dtype=np.float64):",
      "    y = np.random.default_rng(seed + 1000).integers(1, 11, (n, 1))",
      "    y[0, 0] = 10",
      "    return y.astype(dtype)",
      "");

  /**
   * Rewrites an uncompressed little-endian v5 file (argv[1]) big-endian (argv[2]), as MATLAB on a
   * big-endian machine writes it: header byte-order mark "MI", every tag and number byte-swapped.
   * scipy reads the result back and it must hold the same arrays.
   */
  private static final String TO_BIG_ENDIAN = String.join("\n",
      "import struct",
      "SIZES = {1: 1, 2: 1, 3: 2, 4: 2, 5: 4, 6: 4, 7: 4, 9: 8, 12: 8, 13: 8, 16: 1, 17: 2, 18: 4}",
      "def swap(data, size):",
      "    if size == 1: return data",
      "    return b''.join(data[i:i + size][::-1] for i in range(0, len(data), size))",
      "def elements(buf):",
      "    out, pos = b'', 0",
      "    while pos < len(buf):",
      "        word, = struct.unpack_from('<I', buf, pos)",
      "        if word >> 16:",
      "            kind, n = word & 0xffff, word >> 16",
      "            out += struct.pack('>I', word) + swap(buf[pos + 4:pos + 4 + n], SIZES[kind]) + buf[pos + 4 + n:pos + 8]",
      "            pos += 8",
      "            continue",
      "        kind, n = struct.unpack_from('<II', buf, pos)",
      "        body = buf[pos + 8:pos + 8 + n]",
      "        assert kind != 15, 'compressed files cannot be rewritten'",
      "        out += struct.pack('>II', kind, n) + (elements(body) if kind == 14 else swap(body, SIZES[kind]))",
      "        padded = (n + 7) // 8 * 8",
      "        out += buf[pos + 8 + n:pos + 8 + padded]",
      "        pos += 8 + padded",
      "    return out",
      "src = open(sys.argv[1], 'rb').read()",
      "assert src[126:128] == b'IM'",
      "open(sys.argv[2], 'wb').write(src[:124] + b'\\x01\\x00MI' + elements(src[128:]))",
      "a, b = sio.loadmat(sys.argv[1]), sio.loadmat(sys.argv[2])",
      "for k in ('X', 'y'):",
      "    assert a[k].dtype.str[1:] == b[k].dtype.str[1:] and a[k].shape == b[k].shape and np.array_equal(a[k], b[k]), k");

  /**
   * Prints "key value" lines about the images and labels of the files given as arguments, read by
   * scipy and concatenated in order: images as (N, 32, 32, 3) HWC uint8 and labels with 10 made 0.
   */
  private static final String FACTS = String.join("\n",
      "xs, ys = [], []",
      "for path in sys.argv[1:]:",
      "    m = sio.loadmat(path)",
      "    xs.append(np.transpose(m['X'].reshape(32, 32, 3, -1), (3, 0, 1, 2)))",
      "    ys.append(np.asarray(m['y']).reshape(-1))",
      "x = np.ascontiguousarray(np.concatenate(xs))",
      "y = (np.concatenate(ys).astype(np.int64) % 10).astype(np.uint8)",
      "print('count', len(x))",
      "print('pixels_sha256', hashlib.sha256(x.tobytes()).hexdigest())",
      "print('labels_sha256', hashlib.sha256(y.tobytes()).hexdigest())",
      "print('histogram', ','.join(str(int(n)) for n in np.bincount(y, minlength=10)))",
      "print('first_labels', ','.join(str(int(l)) for l in y[:20]))",
      "print('pixel_min', int(x.min()))",
      "print('pixel_max', int(x.max()))",
      "last = len(x) - 1",
      "for n, h, w, c in ((0, 0, 0, 0), (0, 0, 1, 0), (0, 1, 0, 0), (0, 0, 0, 2), (1, 5, 7, 1), (last, 31, 30, 2)):",
      "    if n <= last:",
      "        print('pixel.%d.%d.%d.%d' % (n, h, w, c), int(x[n, h, w, c]))");

  private SvhnMatFixtures() {}

  /**
   * {@code scipy.io.savemat(file, variables, do_compression=compressed)}, where {@code variables} is
   * a python dict expression, e.g. {@code "{'X': images(50), 'y': labels(50)}"}.
   */
  public static Path savemat(Path file, String variables, boolean compressed) {
    python(HELPERS + "sio.savemat(sys.argv[1], " + variables + ", do_compression="
        + (compressed ? "True" : "False") + ")", List.of(file.toString()));
    return file;
  }

  /** An SVHN-style file of {@code count} images and labels of type {@code labelDtype} ("float64", "uint8"...). */
  public static Path svhn(Path file, int count, int seed, String labelDtype, boolean compressed) {
    return savemat(file, "{'X': images(" + count + ", " + seed + "), 'y': labels(" + count + ", " + seed
        + ", np." + labelDtype + ")}", compressed);
  }

  /** The same content as {@link #svhn} uncompressed, written big-endian, as MATLAB on SPARC (SOL2) writes. */
  public static Path svhnBigEndian(Path file, int count, int seed, String labelDtype) {
    Path littleEndian = svhn(file.resolveSibling(file.getFileName() + ".le"), count, seed, labelDtype, false);
    python(HELPERS + TO_BIG_ENDIAN, List.of(littleEndian.toString(), file.toString()));
    try {
      Files.delete(littleEndian);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /** What numpy reads from {@code files}, concatenated: count, hashes, histogram, pixel range, spot pixels. */
  public static Map<String, String> numpyFacts(Path... files) {
    List<String> args = new ArrayList<>();
    for (Path file : files) {
      args.add(file.toString());
    }
    Map<String, String> facts = new LinkedHashMap<>();
    python(HELPERS + FACTS, args).lines()
        .map(line -> line.split(" ", 2))
        .forEach(kv -> facts.put(kv[0], kv[1]));
    return facts;
  }

  /**
   * scipy's own test files (scipy/io/matlab/tests/data: v4, v5 of both byte orders, compressed,
   * v7.3, corrupted), from the scipy python3 imports or else Debian's python3-scipy.
   */
  public static Path scipyTestData(String name) {
    String scipyDir = python("import os, scipy; print(os.path.dirname(scipy.__file__))", List.of()).trim();
    for (Path dir : List.of(Path.of(scipyDir), Path.of("/usr/lib/python3/dist-packages/scipy"))) {
      Path file = dir.resolve("io/matlab/tests/data").resolve(name);
      if (Files.isRegularFile(file)) {
        return file;
      }
    }
    throw new IllegalStateException("scipy's test file " + name + " is in neither " + scipyDir
        + " nor Debian's python3-scipy (apt-get install python3-scipy)");
  }

  private static String python(String script, List<String> args) {
    return Python.run(List.of("numpy", "scipy"), script, args.toArray(String[]::new));
  }
}
