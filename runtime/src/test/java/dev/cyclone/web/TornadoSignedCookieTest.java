package dev.cyclone.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cyclone.testing.AsyncHTTPTestCase;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Signed cookies interoperate with Tornado 6.2 (Debian's, run as a subprocess): a cookie Tornado
 * signs reads in a Cyclone handler over loopback, and a cookie a Cyclone server sets decodes in
 * Tornado.
 */
class TornadoSignedCookieTest extends AsyncHTTPTestCase {
  private static final String SECRET = "61oETzKXQAGaYdkL5gEmGeJJFuYh7EQnp2XdTP1o/Vo=";
  private final TornadoSigner tornado = TornadoSigner.of(SECRET);

  @Override
  protected Application getApp() {
    return SignedCookieHandlers.app(AppSettings.builder().cookieSecret(SECRET).build());
  }

  @Test
  void aCookieTornadoSignedReadsInCyclone() throws Exception {
    String signed = tornado.sign("user", "Zoë ☃", null);
    assertTrue(signed.startsWith("2|1:0|10:"), signed);
    HttpResponse<String> r = fetch(request("/whoami").header("Cookie", "user=" + signed).GET());
    assertEquals(200, r.statusCode());
    assertEquals("user Zoë ☃", r.body());
  }

  @Test
  void aCookieCycloneSetsDecodesInTornado() throws Exception {
    HttpResponse<String> r = fetch("/set?name=" + URLEncoder.encode("Zoë ☃", StandardCharsets.UTF_8));
    assertEquals(200, r.statusCode());
    String signed = SignedCookieHandlers.setCookieValue(r, "user");
    TornadoSigner.Decoded decoded = tornado.decode("user", signed);
    assertEquals("Zoë ☃", decoded.value());
    assertEquals("0", decoded.keyVersion());
    // and Tornado refuses it under another name or tampered, as Cyclone does
    assertNull(tornado.decode("admin", signed).value());
  }

  @Test
  void aTamperedTornadoCookieReadsAsNobody() throws Exception {
    String signed = tornado.sign("user", "alice", null);
    String forged = signed.replace("8:YWxpY2U=", "8:bWFsbG9y"); // "mallor"
    assertEquals("nobody", fetch(request("/whoami").header("Cookie", "user=" + forged).GET()).body());
    String otherSecret = TornadoSigner.of("not the secret").sign("user", "alice", null);
    assertEquals("nobody", fetch(request("/whoami").header("Cookie", "user=" + otherSecret).GET()).body());
  }
}
