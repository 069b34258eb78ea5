package dev.bgan.dataset;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Reads and writes TFRecord files (uint64 length, masked CRC32C of the length, data, masked CRC32C of the
 * data; little-endian), checking both checksums on read. Pipelines write shards with Beam's
 * TFRecordIO; stages that need a split in memory read it here without starting a pipeline.
 */
public final class TfRecordFile {
  private static final int MASK_DELTA = 0xa282ead8;

  private TfRecordFile() {}

  public static List<byte[]> readAll(Path file) throws IOException {
    List<byte[]> records = new ArrayList<>();
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      byte[] header = new byte[12];
      byte[] footer = new byte[4];
      while (true) {
        int n = in.readNBytes(header, 0, header.length);
        if (n == 0) {
          return records;
        }
        if (n < header.length) {
          throw new IOException(file + ": truncated TFRecord header after " + records.size() + " records");
        }
        ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        long length = h.getLong(0);
        if (mask(crc(header, 0, 8)) != h.getInt(8)) {
          throw new IOException(file + ": corrupt TFRecord length checksum at record " + records.size());
        }
        if (length < 0 || length > Integer.MAX_VALUE - 8) {
          throw new IOException(file + ": TFRecord length " + length + " out of range");
        }
        byte[] data = in.readNBytes((int) length);
        if (data.length != length || in.readNBytes(footer, 0, 4) != 4) {
          throw new EOFException(file + ": truncated TFRecord at record " + records.size());
        }
        if (mask(crc(data, 0, data.length)) != ByteBuffer.wrap(footer).order(ByteOrder.LITTLE_ENDIAN).getInt()) {
          throw new IOException(file + ": corrupt TFRecord data checksum at record " + records.size());
        }
        records.add(data);
      }
    }
  }

  /** Writes {@code records} in TFRecord framing (the same bytes Beam's TFRecordIO writes). */
  public static void write(Path file, List<byte[]> records) throws IOException {
    try (java.io.OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      for (byte[] data : records) {
        writeRecord(out, data);
      }
    }
  }

  /** Writes one record in TFRecord framing: length, its masked CRC-32C, the data, its masked CRC-32C. */
  public static void writeRecord(java.io.OutputStream out, byte[] data) throws IOException {
    ByteBuffer header = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
    header.putLong(0, data.length);
    header.putInt(8, mask(crc(header.array(), 0, 8)));
    out.write(header.array());
    out.write(data);
    ByteBuffer footer = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
    footer.putInt(0, mask(crc(data, 0, data.length)));
    out.write(footer.array());
  }

  private static int crc(byte[] bytes, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, offset, length);
    return (int) crc.getValue();
  }

  private static int mask(int crc) {
    return ((crc >>> 15) | (crc << 17)) + MASK_DELTA;
  }
}
