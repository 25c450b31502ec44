package dev.cyclone.web;

import static dev.cyclone.web.URLSpec.url;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.cyclone.testing.AsyncHTTPTestCase;
import dev.cyclone.testsupport.TestPeers;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * XSRF tokens interoperate with Tornado 6.2 (a real Tornado server run as a subprocess): the
 * cookie and masked token a Tornado page hands out pass Cyclone's check, and Cyclone's pass
 * Tornado's own {@code check_xsrf_cookie}; a mismatch fails on both.
 */
class XsrfTornadoInteropTest extends AsyncHTTPTestCase {
  public static class TokenHandler extends RequestHandler {
    public void get() {
      write(xsrfToken());
    }

    public void post() {
      write("ok");
    }
  }

  private Process tornado;
  private Path script;
  private int tornadoPort;

  @Override
  protected Application getApp() {
    return new Application(List.of(url("/", TokenHandler.class)), AppSettings.builder().xsrfCookies(true).build());
  }

  @BeforeEach
  void startTornado() throws Exception {
    script = Files.createTempFile("cyclone-", "-tornado_xsrf_server.py");
    try (InputStream in = XsrfTornadoInteropTest.class.getResourceAsStream("tornado_xsrf_server.py")) {
      Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
    }
    tornado = new ProcessBuilder(TestPeers.pythonWithTornado().toString(), script.toString())
        .redirectErrorStream(true).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(tornado.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    if (line == null || !line.startsWith("ready ")) {
      fail("the Tornado server did not start: " + line);
    }
    tornadoPort = Integer.parseInt(line.substring("ready ".length()).trim());
  }

  @AfterEach
  void stopTornado() throws Exception {
    tornado.destroy();
    if (!tornado.waitFor(5, TimeUnit.SECONDS)) {
      tornado.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
    Files.deleteIfExists(script);
  }

  /** The {@code _xsrf} cookie and the body (the token) of GET {@code base}/. */
  private String[] cookieAndToken(String base) {
    HttpResponse<String> r = fetch(HttpRequest.newBuilder(URI.create(base + "/")).timeout(Duration.ofSeconds(5)).GET());
    assertEquals(200, r.statusCode());
    return new String[] {SignedCookieHandlers.setCookieValue(r, "_xsrf"), r.body()};
  }

  private int post(String base, String cookie, String token) {
    return fetch(HttpRequest.newBuilder(URI.create(base + "/")).timeout(Duration.ofSeconds(5))
        .header("Cookie", "_xsrf=" + cookie)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("_xsrf=" + URLEncoder.encode(token, StandardCharsets.UTF_8))))
        .statusCode();
  }

  private String tornadoUrl() {
    return "http://127.0.0.1:" + tornadoPort;
  }

  @Test
  void tornadosCookieAndTokenPassCyclonesCheck() {
    String[] fromTornado = cookieAndToken(tornadoUrl());
    assertTrue(fromTornado[0].matches("2\\|[0-9a-f]{8}\\|[0-9a-f]{32}\\|\\d+"), fromTornado[0]);
    assertEquals(200, post(tornadoUrl(), fromTornado[0], fromTornado[1]), "Tornado accepts its own");
    assertEquals(200, post(getUrl(""), fromTornado[0], fromTornado[1]));
  }

  @Test
  void cyclonesCookieAndTokenPassTornadosCheck() {
    String[] fromCyclone = cookieAndToken(getUrl(""));
    assertEquals(200, post(tornadoUrl(), fromCyclone[0], fromCyclone[1]));
    // the next Cyclone page masks the same token anew; Tornado still accepts it
    HttpResponse<String> next = fetch(request("/").header("Cookie", "_xsrf=" + fromCyclone[0]).GET());
    assertEquals(200, post(tornadoUrl(), fromCyclone[0], next.body()));
  }

  @Test
  void aMismatchFailsOnBoth() {
    String[] fromTornado = cookieAndToken(tornadoUrl());
    String[] fromCyclone = cookieAndToken(getUrl(""));
    assertEquals(403, post(tornadoUrl(), fromTornado[0], fromCyclone[1]));
    assertEquals(403, post(getUrl(""), fromTornado[0], fromCyclone[1]));
  }
}
