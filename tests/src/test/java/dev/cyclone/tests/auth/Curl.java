package dev.cyclone.tests.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's curl as a real HTTP client, with a cookie jar kept across calls as a browser keeps its
 * cookies. A test that needs it and does not find it fails saying how to install it.
 */
final class Curl {
  private static final Path CURL = Path.of("/usr/bin/curl");
  private final Path jar;

  Curl(Path jar) {
    if (!Files.isExecutable(CURL)) {
      fail("This test drives a login with curl: /usr/bin/curl is missing. Install Debian's curl;"
          + " run scripts/install-test-peers.sh (as root) to install it");
    }
    this.jar = jar;
  }

  /** Runs curl with the jar read and written ({@code -b}/{@code -c}) and {@code args}; its stdout. */
  String run(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(CURL.toString(), "-sS", "--max-time", "10",
        "-b", jar.toString(), "-c", jar.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(20, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("curl did not finish: " + command);
    }
    String text = new String(out, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), "curl failed: " + command + "\n" + text);
    return text;
  }

  /** The value of the cookie {@code name} in the jar (Netscape format), or null. */
  String cookie(String name) throws IOException {
    for (String line : Files.readAllLines(jar)) {
      String[] fields = line.split("\t");
      if (fields.length == 7 && fields[5].equals(name)) {
        return fields[6];
      }
    }
    return null;
  }

  /** Replaces the value of the cookie {@code name} in the jar, as a tampering client would. */
  void setCookie(String name, String value) throws IOException {
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(jar)) {
      String[] fields = line.split("\t");
      if (fields.length == 7 && fields[5].equals(name)) {
        fields[6] = value;
        line = String.join("\t", fields);
      }
      out.add(line);
    }
    Files.write(jar, out);
  }
}
