package dev.cyclone.web;

import dev.cyclone.testing.ExpectLog;
import static dev.cyclone.web.URLSpec.url;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cyclone.httpserver.HTTPServerOptions;
import dev.cyclone.httpserver.RawConnection;
import dev.cyclone.testing.AsyncHTTPTestCase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a handler sends cannot be turned against the client: CR/LF cannot split a header or a
 * redirect (response splitting), a reason phrase is cleaned, and error pages escape what they
 * echo. Checked on the wire, where a split header would show.
 */
class OutputSafetyTest extends AsyncHTTPTestCase {

  /** Puts the query argument {@code v} where the path says. */
  public static class EchoIntoHandler extends RequestHandler {
    public void get(String where) {
      String v = getArgument("v");
      switch (where) {
        case "header" -> setHeader("X-Echo", v);
        case "redirect" -> redirect("/target?q=" + v);
        case "reason" -> setStatus(200, v);
        case "error" -> throw new HTTPError(400).reason(v);
        default -> throw new HTTPError(404);
      }
      write("ok");
    }
  }

  @Override
  protected Application getApp() {
    return new Application(
        List.of(
            url("/into/(\\w+)", EchoIntoHandler.class),
            url("/old/(.*)", RedirectHandler.class, Map.of("url", "/new/{0}"))));
  }

  @Override
  protected HTTPServerOptions getHTTPServerOptions() {
    return HTTPServerOptions.builder().threads(1).build();
  }

  private RawConnection.Response get(String target) throws Exception {
    try (RawConnection c = new RawConnection(getHttpPort())) {
      return c.send("GET " + target + " HTTP/1.1\r\nHost: x\r\n\r\n").read();
    }
  }

  private static final String INJECTION = "a%0d%0aSet-Cookie:%20evil=1";

  @Test
  void crLfInAHeaderValueIsRefused() throws Exception {
    RawConnection.Response r;
    try (ExpectLog logged = ExpectLog.of("dev.cyclone.web", "GET /into/header")) {
      r = get("/into/header?v=" + INJECTION);
    }
    assertEquals(500, r.status());
    assertNull(r.header("Set-Cookie"));
    assertNull(r.header("X-Echo"));
  }

  @Test
  void crLfInARedirectTargetIsRefused() throws Exception {
    RawConnection.Response r;
    try (ExpectLog logged = ExpectLog.of("dev.cyclone.web", "GET /into/redirect")) {
      r = get("/into/redirect?v=" + INJECTION);
    }
    assertEquals(500, r.status());
    assertNull(r.header("Set-Cookie"));
    assertNull(r.header("Location"));
  }

  @Test
  void crLfSmuggledThroughAPathArgumentIntoARedirectIsRefused() throws Exception {
    RawConnection.Response r;
    try (ExpectLog logged = ExpectLog.of("dev.cyclone.web", "GET /old/")) {
      r = get("/old/" + INJECTION);
    }
    assertNull(r.header("Set-Cookie"));
    assertEquals(500, r.status());
    assertNull(r.header("Location"));
  }

  @Test
  void crLfInAReasonPhraseIsReplaced() throws Exception {
    RawConnection.Response r = get("/into/reason?v=" + INJECTION);
    assertEquals(200, r.status());
    assertEquals("HTTP/1.1 200 a  Set-Cookie: evil=1", r.statusLine());
    assertNull(r.header("Set-Cookie"));
  }

  @Test
  void errorPagesEscapeWhatTheyEcho() throws Exception {
    RawConnection.Response r = get("/into/error?v=%3Cscript%3Ealert(1)%3C/script%3E");
    assertEquals(400, r.status());
    assertFalse(r.body().contains("<script>"), r.body());
    assertTrue(r.body().contains("&lt;script&gt;alert(1)&lt;/script&gt;"), r.body());
  }
}
