package dev.cyclone.web;

import static dev.cyclone.web.URLSpec.url;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cyclone.annotations.StreamRequestBody;
import dev.cyclone.httpserver.RawConnection;
import dev.cyclone.testing.AsyncHTTPTestCase;
import io.netty.handler.codec.http.cookie.CookieHeaderNames.SameSite;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code AppSettings.xsrfCookies}: POST, PUT, PATCH and DELETE carry the {@code _xsrf} cookie's
 * token as an argument or header, in Tornado's masked (version 2) or raw (version 1) form, or are
 * answered 403 before {@code prepare()} runs; GET, HEAD and OPTIONS are not checked; the
 * connection keeps serving after a 403.
 */
class XsrfTest extends AsyncHTTPTestCase {
  static final List<String> prepared = new CopyOnWriteArrayList<>();
  private static final Pattern INPUT =
      Pattern.compile("<input type=\"hidden\" name=\"_xsrf\" value=\"([^\"]+)\"/>");

  public static class FormHandler extends RequestHandler {
    @Override
    protected void prepare() {
      prepared.add(request().method());
    }

    public void get() {
      write("<form method=post>" + xsrfFormHtml() + "</form>");
    }

    public void post() {
      write("posted " + getArgument("text", ""));
    }

    public void put() {
      write("put");
    }

    public void patch() {
      write("patched");
    }

    public void delete() {
      write("deleted");
    }

    public void options() {
      write("options");
    }
  }

  public static class TokenHandler extends RequestHandler {
    public void get() {
      write(xsrfToken() + "\n" + xsrfToken());
    }
  }

  /** An API authenticated otherwise: exempt. */
  public static class ExemptHandler extends RequestHandler {
    @Override
    protected void checkXsrfCookie() {}

    public void post() {
      write("exempt");
    }
  }

  /** A streaming upload: checked when its headers arrive, before any of its body. */
  @StreamRequestBody
  public static class UploadHandler extends RequestHandler {
    private int bytes;

    public void dataReceived(byte[] piece) {
      bytes += piece.length;
      received.add(piece.length);
    }

    public void put() {
      write("stored " + bytes);
    }
  }

  static final List<Integer> received = new CopyOnWriteArrayList<>();

  @Override
  protected Application getApp() {
    prepared.clear();
    received.clear();
    return new Application(
        List.of(url("/form", FormHandler.class), url("/token", TokenHandler.class), url("/api", ExemptHandler.class),
            url("/upload", UploadHandler.class)),
        AppSettings.builder().xsrfCookies(true)
            .xsrfCookieOptions(CookieOptions.defaults().sameSite(SameSite.Strict)).build());
  }

  /** The {@code _xsrf} cookie and the form's token of a fresh GET /form. */
  private String[] cookieAndFormToken() {
    HttpResponse<String> form = fetch("/form");
    assertEquals(200, form.statusCode());
    String cookie = SignedCookieHandlers.setCookieValue(form, "_xsrf");
    Matcher m = INPUT.matcher(form.body());
    assertTrue(m.find(), form.body());
    return new String[] {cookie, m.group(1)};
  }

  private HttpResponse<String> post(String cookie, String body, String... headers) {
    HttpRequest.Builder r = request("/form")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (cookie != null) {
      r.header("Cookie", "_xsrf=" + cookie);
    }
    for (int i = 0; i < headers.length; i += 2) {
      r.header(headers[i], headers[i + 1]);
    }
    return fetch(r);
  }

  private static String form(String token) {
    return "text=hi&_xsrf=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
  }

  @Test
  void theFormCarriesAMaskedTokenOfTheCookie() {
    HttpResponse<String> form = fetch("/form");
    String setCookie = form.headers().firstValue("Set-Cookie").orElseThrow();
    assertTrue(setCookie.matches("_xsrf=2\\|[0-9a-f]{8}\\|[0-9a-f]{32}\\|\\d+; Path=/; SameSite=Strict"), setCookie);
    String cookie = SignedCookieHandlers.setCookieValue(form, "_xsrf");
    // the next page of the same visitor: the cookie is kept, the token masked anew (BREACH)
    HttpResponse<String> next = fetch(request("/form").header("Cookie", "_xsrf=" + cookie).GET());
    assertTrue(next.headers().allValues("Set-Cookie").isEmpty(), next.headers().map().toString());
    Matcher m = INPUT.matcher(next.body());
    assertTrue(m.find(), next.body());
    assertNotEquals(cookie, m.group(1), "masked differently from the cookie");
    assertEquals(HexFormat.of().formatHex(Xsrf.decode(cookie).token()),
        HexFormat.of().formatHex(Xsrf.decode(m.group(1)).token()));
  }

  @Test
  void aPostWithTheFormTokenPasses() {
    String[] ct = cookieAndFormToken();
    HttpResponse<String> r = post(ct[0], form(ct[1]));
    assertEquals(200, r.statusCode(), r.body());
    assertEquals("posted hi", r.body());
  }

  @Test
  void theTokenMayComeInAHeaderOrTheQuery() {
    String[] ct = cookieAndFormToken();
    assertEquals("posted hi", post(ct[0], "text=hi", "X-XSRFToken", ct[1]).body());
    assertEquals("posted hi", post(ct[0], "text=hi", "X-CSRFToken", ct[0]).body());
    HttpResponse<String> query = fetch(request("/form?_xsrf=" + URLEncoder.encode(ct[1], StandardCharsets.UTF_8))
        .header("Cookie", "_xsrf=" + ct[0]).POST(HttpRequest.BodyPublishers.noBody()));
    assertEquals(200, query.statusCode());
  }

  @Test
  void aMissingTokenIs403BeforePrepare() {
    String[] ct = cookieAndFormToken();
    prepared.clear();
    HttpResponse<String> r = post(ct[0], "text=hi");
    assertEquals(403, r.statusCode());
    assertTrue(r.body().contains("XSRF token missing"), r.body());
    assertEquals(List.of(), prepared, "prepare() must not run for a refused request");
  }

  @Test
  void aTokenOfAnotherCookieIs403() {
    String[] mine = cookieAndFormToken();
    String[] theirs = cookieAndFormToken();
    HttpResponse<String> r = post(mine[0], form(theirs[1]));
    assertEquals(403, r.statusCode());
    assertTrue(r.body().contains("XSRF token does not match the _xsrf cookie"), r.body());
    assertEquals(403, post(null, form(theirs[1])).statusCode(), "no cookie at all");
  }

  @Test
  void aMalformedTokenIs403() {
    String[] ct = cookieAndFormToken();
    for (String bad : new String[] {"2|zz|00|1", "2|0011|00", "9|a|b|c", "2|00112233|0g|1"}) {
      assertEquals(403, post(ct[0], form(bad)).statusCode(), bad);
    }
  }

  @Test
  void tornadosVersion1CookieIsAcceptedAndKept() {
    String raw = "00112233445566778899aabbccddeeff";
    assertEquals("posted hi", post(raw, form(raw)).body(), "v1 cookie, v1 argument");
    String masked = Xsrf.encode(Xsrf.decode(raw));
    assertEquals("posted hi", post(raw, form(masked)).body(), "v1 cookie, v2 argument");
    HttpResponse<String> token = fetch(request("/token").header("Cookie", "_xsrf=" + raw).GET());
    assertTrue(token.headers().allValues("Set-Cookie").isEmpty(), "a readable cookie is kept");
    String[] tokens = token.body().split("\n");
    assertEquals(tokens[0], tokens[1], "one token per request");
    assertEquals(raw, HexFormat.of().formatHex(Xsrf.decode(tokens[0]).token()));
  }

  @Test
  void everyUnsafeMethodIsCheckedAndSafeOnesAreNot() {
    String[] ct = cookieAndFormToken();
    for (String method : new String[] {"PUT", "PATCH", "DELETE"}) {
      HttpResponse<String> refused = fetch(request("/form").header("Cookie", "_xsrf=" + ct[0])
          .method(method, HttpRequest.BodyPublishers.noBody()));
      assertEquals(403, refused.statusCode(), method);
      HttpResponse<String> passed = fetch(request("/form").header("Cookie", "_xsrf=" + ct[0])
          .header("X-XSRFToken", ct[1]).method(method, HttpRequest.BodyPublishers.noBody()));
      assertEquals(200, passed.statusCode(), method);
    }
    assertEquals(200, fetch(request("/form").method("OPTIONS", HttpRequest.BodyPublishers.noBody())).statusCode());
    assertEquals(200, fetch(request("/form").method("HEAD", HttpRequest.BodyPublishers.noBody())).statusCode());
  }

  @Test
  void aHandlerMayExemptItselfAndUnknownPathsAnswer404() {
    assertEquals("exempt", fetch("/api", "POST", "x").body());
    assertEquals(404, fetch("/nowhere", "POST", "x").statusCode());
  }

  @Test
  void aStreamedBodyIsCheckedBeforeItArrivesSoTheTokenComesInAHeader() throws Exception {
    String[] ct = cookieAndFormToken();
    try (RawConnection c = new RawConnection(getHttpPort())) {
      c.send("PUT /upload HTTP/1.1\r\nHost: x\r\nCookie: _xsrf=" + ct[0]
          + "\r\nContent-Length: 10000\r\n\r\n" + "x".repeat(10_000));
      RawConnection.Response refused = c.read();
      assertEquals(403, refused.status());
      // the unread body would be taken for the next request: the server closes the connection
      assertTrue(c.closedByServer());
    }
    assertEquals(List.of(), received, "no piece of a refused body reaches the handler");
    HttpResponse<String> stored = fetch(request("/upload").header("Cookie", "_xsrf=" + ct[0])
        .header("X-XSRFToken", ct[1]).PUT(HttpRequest.BodyPublishers.ofString("x".repeat(10_000))));
    assertEquals("stored 10000", stored.body());
  }

  @Test
  void theConnectionKeepsServingAfterA403() throws Exception {
    String[] ct = cookieAndFormToken();
    try (RawConnection c = new RawConnection(getHttpPort())) {
      String body = form("2|00000000|00000000000000000000000000000000|1");
      c.send("POST /form HTTP/1.1\r\nHost: x\r\nCookie: _xsrf=" + ct[0]
          + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length()
          + "\r\n\r\n" + body);
      RawConnection.Response refused = c.read();
      assertEquals(403, refused.status());
      assertTrue(refused.statusLine().endsWith("403 XSRF token does not match the _xsrf cookie"), refused.statusLine());
      String good = form(ct[1]);
      c.send("POST /form HTTP/1.1\r\nHost: x\r\nCookie: _xsrf=" + ct[0]
          + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + good.length()
          + "\r\n\r\n" + good);
      RawConnection.Response passed = c.read();
      assertEquals(200, passed.status(), "the same connection serves the next request");
      assertEquals("posted hi", passed.body());
    }
  }
}
