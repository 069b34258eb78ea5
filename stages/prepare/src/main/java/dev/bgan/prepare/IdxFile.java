package dev.bgan.prepare;

import dev.bgan.common.BadInputException;
import dev.bgan.common.Sha256;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;

/**
 * IDX files, the MNIST format: a big-endian header (magic {@code 0x000008NN} for unsigned bytes in
 * NN dimensions, then the size of each dimension, the first being the item count) followed by the
 * items as unsigned bytes. A file may be gzip-compressed; that is told by the gzip magic, not by
 * the name. Every defect is a one-line {@link BadInputException} naming the file.
 */
public final class IdxFile {
  /** uint8, three dimensions: count, rows, columns. */
  public static final int IMAGES_MAGIC = 0x00000803;
  /** uint8, one dimension: count. */
  public static final int LABELS_MAGIC = 0x00000801;

  private static final int BUFFER = 1 << 16;

  private IdxFile() {}

  /** The header of an IDX file: item count and the shape of one item (rows, columns for images). */
  public record Header(long count, int[] itemShape) {
    public int itemBytes() {
      int bytes = 1;
      for (int d : itemShape) {
        bytes *= d;
      }
      return bytes;
    }
  }

  /** Images in row-major order, back to back. */
  public record Images(int count, int rows, int cols, byte[] pixels) {}

  /** Reads only the header, e.g. to compare counts before loading anything. */
  public static Header readHeader(Path file, int expectedMagic) {
    try (Reader reader = new Reader(file)) {
      return reader.header(expectedMagic);
    }
  }

  /** Every image of the file; bytes after the last declared image are an error. */
  public static Images readImages(Path file) {
    try (Reader reader = new Reader(file)) {
      Header header = reader.header(IMAGES_MAGIC);
      int count = loadableCount(file, header);
      byte[] pixels = reader.items(header, 0, count);
      reader.requireEnd(header);
      return new Images(count, header.itemShape()[0], header.itemShape()[1], pixels);
    }
  }

  /** Images {@code first .. first + count - 1}, for a worker that writes one shard. */
  public static Images readImages(Path file, long first, int count) {
    try (Reader reader = new Reader(file)) {
      Header header = reader.header(IMAGES_MAGIC);
      requireRange(file, header, first, count);
      byte[] pixels = reader.items(header, first, count);
      return new Images(count, header.itemShape()[0], header.itemShape()[1], pixels);
    }
  }

  /** Every label of the file, each checked to be below {@code numClasses}. */
  public static byte[] readLabels(Path file, int numClasses) {
    try (Reader reader = new Reader(file)) {
      Header header = reader.header(LABELS_MAGIC);
      byte[] labels = reader.items(header, 0, loadableCount(file, header));
      reader.requireEnd(header);
      requireClasses(file, labels, 0, numClasses);
      return labels;
    }
  }

  /** Labels {@code first .. first + count - 1}, each checked to be below {@code numClasses}. */
  public static byte[] readLabels(Path file, int numClasses, long first, int count) {
    try (Reader reader = new Reader(file)) {
      Header header = reader.header(LABELS_MAGIC);
      requireRange(file, header, first, count);
      byte[] labels = reader.items(header, first, count);
      requireClasses(file, labels, first, numClasses);
      return labels;
    }
  }

  /**
   * SHA-256 of the content, decompressed first when the file is gzip'd: the hash published for the
   * raw files, whichever form a copy comes in.
   */
  public static String contentSha256(Path file) {
    try (Reader reader = new Reader(file)) {
      return reader.sha256();
    }
  }

  private static int loadableCount(Path file, Header header) {
    if (header.count() > Integer.MAX_VALUE) {
      throw BadInputException.inFile(file, "declares " + header.count() + " items, too many to load at once");
    }
    return (int) header.count();
  }

  private static void requireRange(Path file, Header header, long first, int count) {
    if (first < 0 || count < 0 || first + count > header.count()) {
      throw BadInputException.inFile(file, "items " + first + ".." + (first + count - 1)
          + " asked for, the file holds " + header.count());
    }
  }

  private static void requireClasses(Path file, byte[] labels, long first, int numClasses) {
    for (int i = 0; i < labels.length; i++) {
      int label = labels[i] & 0xff;
      if (label >= numClasses) {
        throw BadInputException.inFile(file, "label " + label + " of item " + (first + i)
            + " is out of range 0.." + (numClasses - 1));
      }
    }
  }

  /** One open IDX file; turns every I/O failure into a one-line error about that file. */
  private static final class Reader implements AutoCloseable {
    private final Path file;
    private final InputStream in;
    private final boolean gzip;

    Reader(Path file) {
      this.file = file;
      if (!Files.isRegularFile(file)) {
        throw BadInputException.inFile(file, "not found");
      }
      InputStream raw = null;
      boolean compressed = false;
      try {
        raw = new BufferedInputStream(Files.newInputStream(file), BUFFER);
        raw.mark(2);
        compressed = raw.read() == 0x1f && raw.read() == 0x8b;
        raw.reset();
        this.gzip = compressed;
        this.in = compressed ? new BufferedInputStream(new GZIPInputStream(raw, BUFFER), BUFFER) : raw;
      } catch (IOException e) {
        closeQuietly(raw);
        throw failure(e, compressed);
      }
    }

    Header header(int expectedMagic) {
      int dims = expectedMagic & 0xff;
      byte[] bytes = readUpTo(4 + 4 * dims);
      if (bytes.length >= 4) {
        int magic = ByteBuffer.wrap(bytes).getInt(0);
        if (magic != expectedMagic) {
          throw BadInputException.inFile(file, String.format(
              "wrong magic number: expected 0x%08x (%s), found 0x%08x",
              expectedMagic, describe(expectedMagic), magic));
        }
      }
      if (bytes.length < 4 + 4 * dims) {
        throw BadInputException.inFile(file, "truncated: expected a " + (4 + 4 * dims)
            + "-byte IDX header, found " + bytes.length + " bytes");
      }
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      long count = Integer.toUnsignedLong(buffer.getInt(4));
      int[] shape = new int[dims - 1];
      for (int d = 0; d < shape.length; d++) {
        long size = Integer.toUnsignedLong(buffer.getInt(8 + 4 * d));
        if (size == 0 || size > 1 << 16) {
          throw BadInputException.inFile(file, "item dimension " + (d + 1) + " is " + size
              + ", expected 1..65536");
        }
        shape[d] = (int) size;
      }
      return new Header(count, shape);
    }

    byte[] items(Header header, long first, int count) {
      long skip = first * header.itemBytes();
      long skipped = skip(skip);
      long wanted = (long) count * header.itemBytes();
      if (wanted > Integer.MAX_VALUE - 8) {
        throw BadInputException.inFile(file, count + " items of " + header.itemBytes()
            + " bytes are too many to load at once");
      }
      byte[] data = readUpTo((int) wanted);
      if (skipped < skip || data.length < wanted) {
        long dataBytes = header.count() * header.itemBytes();
        throw BadInputException.inFile(file, "truncated: the header declares " + header.count() + " items of "
            + header.itemBytes() + " bytes (" + dataBytes + " bytes of data" + (gzip ? " uncompressed" : "")
            + "), found " + (skipped + data.length));
      }
      return data;
    }

    void requireEnd(Header header) {
      long trailing = remainingBytes();
      if (trailing > 0) {
        throw BadInputException.inFile(file, trailing + " trailing bytes after the " + header.count()
            + " items the header declares");
      }
    }

    String sha256() {
      MessageDigest digest = Sha256.newDigest();
      byte[] buffer = new byte[BUFFER];
      try {
        for (int n; (n = in.read(buffer)) > 0; ) {
          digest.update(buffer, 0, n);
        }
      } catch (IOException e) {
        throw failure(e, gzip);
      }
      return HexFormat.of().formatHex(digest.digest());
    }

    private byte[] readUpTo(int n) {
      try {
        return in.readNBytes(n);
      } catch (IOException e) {
        throw failure(e, gzip);
      }
    }

    private long skip(long n) {
      try {
        long done = 0;
        while (done < n) {
          long step = in.skip(n - done);
          if (step <= 0) {
            if (in.read() < 0) {
              break;
            }
            step = 1;
          }
          done += step;
        }
        return done;
      } catch (IOException e) {
        throw failure(e, gzip);
      }
    }

    /** Consumes and counts what is left. */
    private long remainingBytes() {
      try {
        return in.transferTo(OutputStream.nullOutputStream());
      } catch (IOException e) {
        throw failure(e, gzip);
      }
    }

    private BadInputException failure(IOException e, boolean compressed) {
      String what = compressed ? "corrupt gzip data" : "cannot read";
      return BadInputException.inFile(file, what + " (" + e.getMessage() + ")");
    }

    private static String describe(int magic) {
      return switch (magic) {
        case IMAGES_MAGIC -> "IDX uint8 images";
        case LABELS_MAGIC -> "IDX uint8 labels";
        default -> "IDX";
      };
    }

    private static void closeQuietly(InputStream stream) {
      if (stream != null) {
        try {
          stream.close();
        } catch (IOException ignored) {
          // Already failing with a better message.
        }
      }
    }

    @Override
    public void close() {
      try {
        in.close();
      } catch (IOException e) {
        throw failure(e, gzip);
      }
    }
  }
}
