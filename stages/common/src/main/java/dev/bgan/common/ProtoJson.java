package dev.bgan.common;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one JSON rendering of protobuf records in artifacts (manifest.json, metrics.json,
 * training_log.json): proto field names, zeros and empty values written out so that every field a
 * reader looks for is there, and a final newline.
 */
public final class ProtoJson {
  private static final JsonFormat.Printer PRINTER =
      JsonFormat.printer().preservingProtoFieldNames().includingDefaultValueFields();

  private ProtoJson() {}

  public static String print(Message message) {
    try {
      return PRINTER.print(message) + "\n";
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("a bgan record always renders as JSON", e);
    }
  }

  public static void write(Path file, Message message) throws IOException {
    Files.writeString(file, print(message), StandardCharsets.UTF_8);
  }

  /** Merges {@code file} into {@code builder}; a malformed file is the user's error, naming it. */
  public static <B extends Message.Builder> B read(Path file, B builder) throws IOException {
    try {
      JsonFormat.parser().merge(Files.readString(file, StandardCharsets.UTF_8), builder);
      return builder;
    } catch (InvalidProtocolBufferException e) {
      throw BadInputException.inFile(file, "not a valid " + builder.getDescriptorForType().getName() + " (" + e.getMessage() + ")");
    }
  }
}
