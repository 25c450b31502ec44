package dev.cyclone.testsupport;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The programs nobody here wrote that tests use as real peers, from Debian's packages. A test that
 * needs one and does not find it fails saying how to install it; it never skips (CI installs them
 * all through {@code scripts/install-test-peers.sh}).
 */
public final class TestPeers {
  private static final String INSTALL = "; run scripts/install-test-peers.sh (as root) to install it";

  private TestPeers() {}

  /** Debian's python3 with Tornado ({@code python3-tornado}). */
  public static Path pythonWithTornado() {
    Path python = Path.of("/usr/bin/python3");
    if (!Files.isExecutable(python) || !succeeds(python.toString(), "-c", "import tornado")) {
      fail("This test talks to Python Tornado: /usr/bin/python3 cannot import tornado. Install"
          + " Debian's python3-tornado" + INSTALL);
    }
    return python;
  }

  /** curl ({@code curl}), built with TLS. */
  public static Path curl() {
    Path curl = Path.of("/usr/bin/curl");
    if (!Files.isExecutable(curl) || !succeeds(curl.toString(), "--version")) {
      fail("This test talks to the server with curl: /usr/bin/curl is missing. Install Debian's"
          + " curl" + INSTALL);
    }
    return curl;
  }

  /** Debian's python3, for its {@code ssl} and {@code http.client} (no Tornado needed). */
  public static Path python() {
    Path python = Path.of("/usr/bin/python3");
    if (!Files.isExecutable(python) || !succeeds(python.toString(), "-c", "import ssl")) {
      fail("This test talks to the server with Python's ssl module: /usr/bin/python3 is missing."
          + " Install Debian's python3" + INSTALL);
    }
    return python;
  }

  private static boolean succeeds(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
