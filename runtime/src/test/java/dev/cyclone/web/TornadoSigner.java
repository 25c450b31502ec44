package dev.cyclone.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.cyclone.testsupport.TestPeers;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Tornado's own {@code create_signed_value} and {@code decode_signed_value}, run in Debian's
 * python3 as a subprocess (the script {@code tornado_signed_values.py} beside this class).
 */
final class TornadoSigner {
  private static final HexFormat HEX = HexFormat.of();
  private final String secretJson;

  private TornadoSigner(String secretJson) {
    this.secretJson = secretJson;
  }

  /** Tornado with one {@code cookie_secret} (ASCII, no quotes or backslashes). */
  static TornadoSigner of(String secret) {
    return new TornadoSigner("\"" + secret + "\"");
  }

  /** Tornado with a dict {@code cookie_secret} (ASCII secrets, no quotes or backslashes). */
  static TornadoSigner of(Map<Integer, String> secrets) {
    StringBuilder json = new StringBuilder("{");
    for (Map.Entry<Integer, String> e : new TreeMap<>(secrets).entrySet()) {
      json.append(json.length() > 1 ? ", " : "").append('"').append(e.getKey()).append("\": \"")
          .append(e.getValue()).append('"');
    }
    return new TornadoSigner(json.append('}').toString());
  }

  /** {@code value} signed by Tornado for {@code name}, with {@code keyVersion} (null: none). */
  String sign(String name, String value, Integer keyVersion) throws Exception {
    List<String> args = new ArrayList<>(List.of("sign", secretJson, name,
        HEX.formatHex(value.getBytes(StandardCharsets.UTF_8))));
    if (keyVersion != null) {
      args.add(keyVersion.toString());
    }
    return run(args).get(0);
  }

  /** What Tornado decodes from {@code signed}: the value (UTF-8), or null when it refuses it. */
  Decoded decode(String name, String signed) throws Exception {
    List<String> out = run(List.of("decode", secretJson, name, signed));
    String first = out.get(0);
    String value = first.equals("none") ? null
        : new String(HEX.parseHex(first.substring("value ".length())), StandardCharsets.UTF_8);
    return new Decoded(value, out.get(1).substring("key_version ".length()));
  }

  /** Tornado's reading of a signed value, and the key version it reports ({@code "None"} for none). */
  record Decoded(String value, String keyVersion) {}

  private static List<String> run(List<String> args) throws Exception {
    Path script = Files.createTempFile("cyclone-", "-tornado_signed_values.py");
    try {
      try (InputStream in = TornadoSigner.class.getResourceAsStream("tornado_signed_values.py")) {
        Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
      }
      List<String> command = new ArrayList<>();
      command.add(TestPeers.pythonWithTornado().toString());
      command.add(script.toString());
      command.addAll(args);
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      byte[] output = readAll(p.getInputStream());
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail("Tornado's script did not finish: " + args);
      }
      String text = new String(output, StandardCharsets.UTF_8);
      assertEquals(0, p.exitValue(), "Tornado's script failed for " + args + ":\n" + text);
      return text.lines().toList();
    } finally {
      Files.deleteIfExists(script);
    }
  }

  private static byte[] readAll(InputStream in) throws IOException {
    try (in) {
      return in.readAllBytes();
    }
  }
}
