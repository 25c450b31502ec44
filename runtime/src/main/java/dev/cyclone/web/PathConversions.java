package dev.cyclone.web;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;

/**
 * Converts a path argument's text to a verb parameter's type, for generated dispatchers. A value
 * that does not convert is the client's mistake: {@link HTTPError} 400 naming the argument. A
 * missing optional group (null) stays null for reference types and is a 400 for primitives.
 */
public final class PathConversions {
  private PathConversions() {}

  public static int toInt(String raw, String name) {
    return parse(raw, name, "an int", Integer::parseInt);
  }

  public static Integer toInteger(String raw, String name) {
    return raw == null ? null : toInt(raw, name);
  }

  public static long toLong(String raw, String name) {
    return parse(raw, name, "a long", Long::parseLong);
  }

  public static Long toLongObject(String raw, String name) {
    return raw == null ? null : toLong(raw, name);
  }

  public static short toShort(String raw, String name) {
    return parse(raw, name, "a short", Short::parseShort);
  }

  public static Short toShortObject(String raw, String name) {
    return raw == null ? null : toShort(raw, name);
  }

  public static byte toByte(String raw, String name) {
    return parse(raw, name, "a byte", Byte::parseByte);
  }

  public static Byte toByteObject(String raw, String name) {
    return raw == null ? null : toByte(raw, name);
  }

  public static double toDouble(String raw, String name) {
    return parse(raw, name, "a number", Double::parseDouble);
  }

  public static Double toDoubleObject(String raw, String name) {
    return raw == null ? null : toDouble(raw, name);
  }

  public static float toFloat(String raw, String name) {
    return parse(raw, name, "a number", Float::parseFloat);
  }

  public static Float toFloatObject(String raw, String name) {
    return raw == null ? null : toFloat(raw, name);
  }

  /** {@code true}/{@code false}, any case; anything else is a 400. */
  public static boolean toBoolean(String raw, String name) {
    return parse(raw, name, "true or false", s -> {
      if (s.equalsIgnoreCase("true")) {
        return true;
      }
      if (s.equalsIgnoreCase("false")) {
        return false;
      }
      throw new IllegalArgumentException(s);
    });
  }

  public static Boolean toBooleanObject(String raw, String name) {
    return raw == null ? null : toBoolean(raw, name);
  }

  public static char toChar(String raw, String name) {
    return parse(raw, name, "one character", s -> {
      if (s.length() != 1) {
        throw new IllegalArgumentException(s);
      }
      return s.charAt(0);
    });
  }

  public static Character toCharacter(String raw, String name) {
    return raw == null ? null : toChar(raw, name);
  }

  public static UUID toUuid(String raw, String name) {
    return raw == null ? null : parse(raw, name, "a UUID", UUID::fromString);
  }

  public static BigInteger toBigInteger(String raw, String name) {
    return raw == null ? null : parse(raw, name, "an integer", BigInteger::new);
  }

  public static BigDecimal toBigDecimal(String raw, String name) {
    return raw == null ? null : parse(raw, name, "a number", BigDecimal::new);
  }

  /** An enum constant by name: exact first, then ignoring case ({@code /color/red} → {@code RED}). */
  public static <E extends Enum<E>> E toEnum(String raw, String name, Class<E> type) {
    if (raw == null) {
      return null;
    }
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(raw)) {
        return constant;
      }
    }
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equalsIgnoreCase(raw)) {
        return constant;
      }
    }
    throw badArgument(raw, name, "one of " + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT));
  }

  /** A value made by the type's own {@code valueOf(String)} or {@code fromString(String)}. */
  public static <T> T convert(String raw, String name, Function<String, T> factory) {
    return raw == null ? null : parse(raw, name, "valid", factory);
  }

  private static <T> T parse(String raw, String name, String expected, Function<String, T> parser) {
    if (raw == null) {
      throw new HTTPError(400, "missing path argument %s", name).reason("Missing path argument " + name);
    }
    try {
      return parser.apply(raw);
    } catch (RuntimeException e) {
      throw badArgument(raw, name, expected);
    }
  }

  private static HTTPError badArgument(String raw, String name, String expected) {
    return new HTTPError(400, "path argument %s is not %s: %s", name, expected, raw)
        .reason("Bad path argument " + name);
  }
}
