package dev.cyclone.web;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs and timestamps short values so that they cannot be forged, in Tornado's format (its {@code
 * create_signed_value} / {@code decode_signed_value}, version 2): what {@link
 * RequestHandler#setSignedCookie} stores in a cookie, usable on its own for WebSocket handshakes,
 * tokens in URLs, or tests. A value signed here decodes in Tornado with the same secret, and back.
 *
 * <pre>{@code
 * SignedValues signer = SignedValues.of(secret);
 * String token = signer.create("user", "alice");   // 2|1:0|10:1765000000|4:user|8:YWxpY2U=|<hmac>
 * String user = signer.decode("user", token);      // "alice", or null if forged or too old
 * }</pre>
 *
 * <p>The format: {@code 2|} then the length-prefixed fields {@code len:text|} for the key version,
 * the timestamp (seconds), the name and the base64 value, then the HMAC-SHA256 (hex) of everything
 * before it. Decoding compares signatures in constant time ({@link MessageDigest#isEqual}) and
 * reads a value as absent (null) when it is malformed, forged, signed for another name, signed with
 * an unknown key version, older than the maximum age, or dated more than 31 days in the future;
 * the reason is logged at DEBUG (never the value), and nothing is thrown. Tornado's older version 1
 * format (HMAC-SHA1 without a name delimiter) is not accepted.
 *
 * <p>Keys: one secret ({@link #of(String)}), or numbered secrets and the number to sign with
 * ({@link #of(Map, int)}, Tornado's {@code key_version}): values signed with an older key still
 * decode while its secret is kept in the map, so keys can be rotated without logging everybody
 * out. Immutable and thread-safe.
 */
public final class SignedValues {
  /** The default maximum age of a value when decoding, as Tornado's {@code max_age_days}. */
  public static final double DEFAULT_MAX_AGE_DAYS = 31;

  private static final Logger log = LoggerFactory.getLogger(SignedValues.class);
  private static final String HMAC = "HmacSHA256";
  private static final long DAY_SECONDS = 86_400;
  /** How far in the future a timestamp may be (clock skew), as Tornado checks for version 1. */
  private static final long FUTURE_LIMIT_SECONDS = 31 * DAY_SECONDS;
  /** Longer values are not signed values (a cookie is at most about 4 KB). */
  private static final int MAX_LENGTH = 16 * 1024;

  private final Map<Integer, SecretKeySpec> keys;
  private final int currentVersion;
  /** True for numbered secrets: the key version field picks the key. */
  private final boolean versioned;
  private final Clock clock;

  private SignedValues(Map<Integer, SecretKeySpec> keys, int currentVersion, boolean versioned, Clock clock) {
    this.keys = keys;
    this.currentVersion = currentVersion;
    this.versioned = versioned;
    this.clock = clock;
  }

  /**
   * Values signed with one {@code secret} (a long random string; see {@code SECURITY.md}). As in
   * Tornado, they carry key version 0, and the key version of a value is not looked at.
   */
  public static SignedValues of(String secret) {
    return new SignedValues(Map.of(0, key(secret, "secret")), 0, false, Clock.systemUTC());
  }

  /**
   * Values signed with {@code secrets.get(currentVersion)} and decoded with the secret of the key
   * version they carry; one whose version is not in the map reads as absent.
   */
  public static SignedValues of(Map<Integer, String> secrets, int currentVersion) {
    Objects.requireNonNull(secrets, "secrets");
    if (!secrets.containsKey(currentVersion)) {
      throw new IllegalArgumentException("[CookieSecretVersion] the current key version "
          + currentVersion + " has no secret; the versions are " + secrets.keySet()
          + ". Add its secret, or sign with one of those versions");
    }
    Map<Integer, SecretKeySpec> keys = new HashMap<>();
    for (Map.Entry<Integer, String> e : secrets.entrySet()) {
      if (e.getKey() == null || e.getKey() < 0) {
        throw new IllegalArgumentException(
            "[CookieSecretVersion] key versions are numbers from 0; found " + e.getKey());
      }
      keys.put(e.getKey(), key(e.getValue(), "secret of key version " + e.getKey()));
    }
    return new SignedValues(Map.copyOf(keys), currentVersion, true, Clock.systemUTC());
  }

  private static SecretKeySpec key(String secret, String what) {
    if (secret == null || secret.isEmpty()) {
      throw new IllegalArgumentException("[CookieSecret] the " + what + " is empty; use a long random"
          + " string, for example 32 bytes from SecureRandom, base64-encoded");
    }
    return new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC);
  }

  /** The same keys, reading the time from {@code clock} (for tests of expiry). */
  public SignedValues withClock(Clock clock) {
    return new SignedValues(keys, currentVersion, versioned, Objects.requireNonNull(clock, "clock"));
  }

  /** The key version new values are signed with (0 for a single secret). */
  public int currentVersion() {
    return currentVersion;
  }

  /**
   * Signs {@code value} (as UTF-8) for {@code name}, timestamped now. The result holds only
   * characters a cookie value may hold. Thread-safe.
   */
  public String create(String name, String value) {
    return create(name, Objects.requireNonNull(value, "value").getBytes(StandardCharsets.UTF_8));
  }

  /** Signs the bytes {@code value} for {@code name}, timestamped now. Thread-safe. */
  public String create(String name, byte[] value) {
    if (name == null || name.isEmpty() || !Fields.isAscii(name)) {
      throw new IllegalArgumentException("[SignedValueName] a signed value's name is printable ASCII"
          + " (a cookie name); found \"" + name + "\"");
    }
    long timestamp = Math.floorDiv(clock.millis(), 1000L);
    StringBuilder out = new StringBuilder(96 + value.length * 4 / 3);
    out.append("2|");
    field(out, Integer.toString(currentVersion));
    field(out, Long.toString(timestamp));
    field(out, name);
    field(out, Base64.getEncoder().encodeToString(value));
    String signed = out.toString();
    return signed + signature(keys.get(currentVersion), signed);
  }

  /** Appends {@code len:text|}; the length counts UTF-8 bytes (Tornado's cookie names are ASCII). */
  private static void field(StringBuilder out, String text) {
    out.append(text.getBytes(StandardCharsets.UTF_8).length).append(':').append(text).append('|');
  }

  /**
   * The value signed for {@code name} in {@code signed}, decoded as UTF-8, if it is genuine and at
   * most {@link #DEFAULT_MAX_AGE_DAYS} old; otherwise (or for null) null. Thread-safe.
   */
  public String decode(String name, String signed) {
    return decode(name, signed, DEFAULT_MAX_AGE_DAYS);
  }

  /** As {@link #decode(String, String)}, with a maximum age in days (fractions allowed). */
  public String decode(String name, String signed, double maxAgeDays) {
    byte[] value = decodeBytes(name, signed, maxAgeDays);
    return value == null ? null : new String(value, StandardCharsets.UTF_8);
  }

  /** As {@link #decode(String, String, double)}, returning the signed bytes. Thread-safe. */
  public byte[] decodeBytes(String name, String signed, double maxAgeDays) {
    Objects.requireNonNull(name, "name");
    if (signed == null || signed.isEmpty()) {
      return null;
    }
    Fields f = Fields.parse(signed);
    if (f == null) {
      return absent(name, "not a version 2 signed value (malformed, or Tornado's unsupported version 1)");
    }
    SecretKeySpec key = versioned ? keys.get(f.keyVersion()) : keys.get(currentVersion);
    if (key == null) {
      return absent(name, "signed with key version " + f.keyVersion() + ", which has no secret");
    }
    byte[] expected = signature(key, signed.substring(0, f.signatureStart())).getBytes(StandardCharsets.US_ASCII);
    byte[] passed = signed.substring(f.signatureStart()).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, passed)) {
      return absent(name, "bad signature");
    }
    if (!f.name().equals(name)) {
      return absent(name, "signed for another name");
    }
    double now = clock.millis() / 1000.0;
    if (f.timestamp() < now - maxAgeDays * DAY_SECONDS) {
      return absent(name, "expired");
    }
    if (f.timestamp() > now + FUTURE_LIMIT_SECONDS) {
      return absent(name, "timestamp too far in the future");
    }
    try {
      return Base64.getDecoder().decode(f.value());
    } catch (IllegalArgumentException e) {
      return absent(name, "value is not base64");
    }
  }

  /**
   * The key version a signed value claims, without checking its signature (Tornado's {@code
   * get_signature_key_version}); null when it is not a version 2 value.
   */
  public static Integer keyVersion(String signed) {
    Fields f = signed == null ? null : Fields.parse(signed);
    return f == null ? null : f.keyVersion();
  }

  private static byte[] absent(String name, String why) {
    log.debug("Signed value for \"{}\" ignored: {}", name, why);
    return null;
  }

  /**
   * Each thread's initialised MACs, by key: looking up the algorithm and keying it costs more than
   * signing a cookie. A MAC is reset by {@code doFinal}. A few keys per thread at most (the current
   * and the older versions); the map is emptied if an application makes many.
   */
  private static final ThreadLocal<Map<SecretKeySpec, Mac>> MACS =
      ThreadLocal.withInitial(java.util.IdentityHashMap::new);

  private static String signature(SecretKeySpec key, String signed) {
    Map<SecretKeySpec, Mac> macs = MACS.get();
    Mac mac = macs.get(key);
    if (mac == null) {
      try {
        mac = Mac.getInstance(HMAC);
        mac.init(key);
      } catch (NoSuchAlgorithmException | InvalidKeyException e) {
        throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
      }
      if (macs.size() >= 16) {
        macs.clear();
      }
      macs.put(key, mac);
    }
    byte[] digest = mac.doFinal(signed.getBytes(StandardCharsets.UTF_8));
    StringBuilder hex = new StringBuilder(digest.length * 2);
    for (byte b : digest) {
      hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
    }
    return hex.toString();
  }

  /**
   * The fields of a version 2 value, parsed strictly: canonical decimal numbers, each field's
   * declared length matching, a 64-digit lowercase hex signature, ASCII only.
   */
  private record Fields(int keyVersion, long timestamp, String name, String value, int signatureStart) {
    static Fields parse(String s) {
      if (s.length() > MAX_LENGTH || !s.startsWith("2|") || !isAscii(s)) {
        return null;
      }
      int[] at = {2};
      String keyVersion = next(s, at);
      String timestamp = next(s, at);
      String name = next(s, at);
      String value = next(s, at);
      if (value == null || !isNumber(keyVersion, 9) || !isNumber(timestamp, 18)) {
        return null;
      }
      String sig = s.substring(at[0]);
      if (sig.length() != 64) {
        return null;
      }
      for (int i = 0; i < 64; i++) {
        char c = sig.charAt(i);
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
          return null;
        }
      }
      return new Fields(Integer.parseInt(keyVersion), Long.parseLong(timestamp), name, value, at[0]);
    }

    /** Reads {@code len:text|} at {@code at[0]} and moves past it; null if malformed. */
    private static String next(String s, int[] at) {
      if (at[0] < 0) {
        return null;
      }
      int colon = s.indexOf(':', at[0]);
      if (colon < 0 || !isNumber(s.substring(at[0], colon), 5)) {
        at[0] = -1;
        return null;
      }
      int length = Integer.parseInt(s.substring(at[0], colon));
      int end = colon + 1 + length;
      if (end >= s.length() || s.charAt(end) != '|') {
        at[0] = -1;
        return null;
      }
      at[0] = end + 1;
      return s.substring(colon + 1, end);
    }

    private static boolean isNumber(String text, int maxDigits) {
      if (text == null || text.isEmpty() || text.length() > maxDigits || (text.length() > 1 && text.charAt(0) == '0')) {
        return false;
      }
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c < '0' || c > '9') {
          return false;
        }
      }
      return true;
    }

    private static boolean isAscii(String s) {
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c < 0x20 || c >= 0x7f) {
          return false;
        }
      }
      return true;
    }
  }
}
