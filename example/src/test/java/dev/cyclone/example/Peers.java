package dev.cyclone.example;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The programs the example's tests use as real peers, from Debian's packages. A test that needs one
 * and does not find it fails saying how to install it; it never skips (CI installs them through
 * {@code scripts/install-test-peers.sh}).
 */
final class Peers {
  private Peers() {}

  static Path chromium() {
    return find("/usr/bin/chromium", "chromium");
  }

  static Path curl() {
    return find("/usr/bin/curl", "curl");
  }

  static Path redisServer() {
    return find("/usr/bin/redis-server", "redis-server");
  }

  private static Path find(String path, String debianPackage) {
    Path p = Path.of(path);
    if (!Files.isExecutable(p)) {
      fail("This test needs " + path + ": install Debian's " + debianPackage
          + " (scripts/install-test-peers.sh, as root, installs every test peer)");
    }
    return p;
  }
}
