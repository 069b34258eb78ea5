package dev.bgan.common;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Stage configs are protobuf messages; this turns one into canonical parameters (every field,
 * default or not, as text, by field name) and sets fields by name from text, which is how
 * workflows ({@code --set train.numz=10}) and the run cache see them. A field declared
 * {@code optional} (one with presence) enters the parameters only when set: fields added after
 * artifacts were published are declared so, and the ids of those artifacts stay what they were.
 */
public final class ConfigFields {
  private ConfigFields() {}

  public static SortedMap<String, String> canonical(Message config) {
    SortedMap<String, String> params = new TreeMap<>();
    for (FieldDescriptor field : config.getDescriptorForType().getFields()) {
      if (field.hasPresence() && !config.hasField(field)) {
        continue;
      }
      params.put(field.getName(), String.valueOf(config.getField(field)));
    }
    return params;
  }

  /** Sets field {@code name} from its text form; a wrong name or value is the user's error. */
  public static void set(Message.Builder builder, String name, String value) {
    FieldDescriptor field = builder.getDescriptorForType().findFieldByName(name);
    if (field == null || field.isRepeated()) {
      java.util.Set<String> accepted = names(builder.getDescriptorForType());
      throw new BadInputException("unknown parameter '" + name + "'" + NearMisses.hint(name, accepted)
          + "; accepted: " + String.join(", ", accepted));
    }
    try {
      builder.setField(field, parse(field, value.trim()));
    } catch (NumberFormatException e) {
      throw BadInputException.inParameter(name, value, "expected " + expected(field));
    }
  }

  /** The parameters a config of this type takes, sorted. */
  public static java.util.SortedSet<String> names(com.google.protobuf.Descriptors.Descriptor type) {
    java.util.SortedSet<String> names = new java.util.TreeSet<>();
    for (FieldDescriptor field : type.getFields()) {
      if (!field.isRepeated()) {
        names.add(field.getName());
      }
    }
    return names;
  }

  public static void setAll(Message.Builder builder, Map<String, String> values) {
    values.forEach((k, v) -> set(builder, k, v));
  }

  private static Object parse(FieldDescriptor field, String value) {
    return switch (field.getJavaType()) {
      case INT -> field.getType() == FieldDescriptor.Type.UINT32 ? nonNegativeInt(value) : Integer.parseInt(value);
      case LONG -> field.getType() == FieldDescriptor.Type.UINT64 ? Long.parseUnsignedLong(value) : Long.parseLong(value);
      case DOUBLE -> Double.parseDouble(value);
      case FLOAT -> Float.parseFloat(value);
      case BOOLEAN -> parseBoolean(value);
      case STRING -> value;
      default -> throw new IllegalArgumentException("config field type " + field.getJavaType() + " is not settable");
    };
  }

  private static String expected(FieldDescriptor field) {
    return switch (field.getJavaType()) {
      // The real bounds: "a whole number >= 0" for 99999999999 says nothing about what went wrong.
      case INT -> field.getType() == FieldDescriptor.Type.UINT32 ? "a whole number from 0 to " + Integer.MAX_VALUE
          : "a whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE;
      case LONG -> field.getType() == FieldDescriptor.Type.UINT64 ? "a whole number from 0 to " + Long.toUnsignedString(-1L)
          : "a whole number from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE;
      case DOUBLE, FLOAT -> "a number";
      case BOOLEAN -> "true or false";
      default -> field.getJavaType().name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  private static int nonNegativeInt(String value) {
    int parsed = Integer.parseInt(value);
    if (parsed < 0) {
      throw new NumberFormatException("negative");
    }
    return parsed;
  }

  private static boolean parseBoolean(String value) {
    return switch (value.toLowerCase(java.util.Locale.ROOT)) {
      case "true", "yes", "1" -> true;
      case "false", "no", "0" -> false;
      default -> throw new NumberFormatException("not a boolean");
    };
  }
}
