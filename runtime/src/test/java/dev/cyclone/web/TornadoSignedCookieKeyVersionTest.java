package dev.cyclone.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.cyclone.testing.AsyncHTTPTestCase;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Key rotation interoperates with Tornado's dict {@code cookie_secret} and {@code key_version}:
 * Cyclone signs with the current version, and reads values Tornado signed with an older one.
 */
class TornadoSignedCookieKeyVersionTest extends AsyncHTTPTestCase {
  private static final Map<Integer, String> SECRETS = Map.of(
      1, "old-XQAGaYdkL5gEmGeJJFuYh7EQnp2XdTP1o",
      2, "new-Pw3cTgBc9KdAo8pVvYq2sQ1mZx7LrN4eU");
  private final TornadoSigner tornado = TornadoSigner.of(SECRETS);

  @Override
  protected Application getApp() {
    return SignedCookieHandlers.app(AppSettings.builder().cookieSecrets(SECRETS, 2).build());
  }

  @Test
  void cycloneSignsWithTheCurrentVersionAndTornadoReadsIt() throws Exception {
    HttpResponse<String> r = fetch("/set?name=alice");
    String signed = SignedCookieHandlers.setCookieValue(r, "user");
    TornadoSigner.Decoded decoded = tornado.decode("user", signed);
    assertEquals("alice", decoded.value());
    assertEquals("2", decoded.keyVersion());
    // Tornado without version 2 cannot read it
    assertNull(TornadoSigner.of(Map.of(1, SECRETS.get(1))).decode("user", signed).value());
  }

  @Test
  void tornadoSignedWithAnOlderVersionReadsInCyclone() throws Exception {
    for (int version : new int[] {1, 2}) {
      String signed = tornado.sign("user", "bob" + version, version);
      assertEquals("user bob" + version,
          fetch(request("/whoami").header("Cookie", "user=" + signed).GET()).body());
    }
  }

  @Test
  void anUnknownKeyVersionReadsAsNobody() throws Exception {
    String signed = TornadoSigner.of(Map.of(3, "a retired or future secret")).sign("user", "eve", 3);
    assertEquals("nobody", fetch(request("/whoami").header("Cookie", "user=" + signed).GET()).body());
  }
}
