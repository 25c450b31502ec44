package dev.cyclone.websocket;

import static dev.cyclone.web.URLSpec.url;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cyclone.httpserver.RawConnection;
import dev.cyclone.web.Application;
import dev.cyclone.web.HTTPError;
import dev.cyclone.web.RequestHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The opening handshake (RFC 6455 §4.2) against a real server, with a raw client: the 101 and its
 * accept value, every refusal with its status, the origin check and its override, subprotocol
 * selection, and that a refused upgrade leaves the connection serving HTTP.
 */
class HandshakeTest extends WebSocketTestCase {
  /** The example key of RFC 6455 §1.3 and the accept value the RFC gives for it. */
  private static final String RFC_KEY = "dGhlIHNhbXBsZSBub25jZQ==";
  private static final String RFC_ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

  static final List<List<String>> offeredSubprotocols = new CopyOnWriteArrayList<>();

  public static class EchoSocket extends WebSocketHandler {
    public void onMessage(String message) {
      writeMessage(message);
    }
  }

  /** Takes "v2.chat" when offered, nothing otherwise. */
  public static class ChatSocket extends EchoSocket {
    @Override
    protected String selectSubprotocol(List<String> subprotocols) {
      offeredSubprotocols.add(subprotocols);
      return subprotocols.contains("v2.chat") ? "v2.chat" : null;
    }
  }

  public static class AnyOriginSocket extends EchoSocket {
    @Override
    protected boolean checkOrigin(String origin) {
      return true;
    }
  }

  public static class RefusingSocket extends EchoSocket {
    @Override
    protected void prepare() {
      throw new HTTPError(403, "not for you");
    }
  }

  /** Sets what a Tornado handler may set before the upgrade: a default header, a cookie, one more. */
  public static class CookieSocket extends EchoSocket {
    @Override
    protected void setDefaultHeaders() {
      setHeader("X-Frame-Options", "DENY");
    }

    @Override
    protected void prepare() {
      setCookie("session", "abc123");
      setHeader("X-Served-By", "prepare");
      setHeader("Connection", "close"); // the handshake's own: not repeated
    }
  }

  public static class HelloHandler extends RequestHandler {
    public void get() {
      write("hello");
    }
  }


  @Override
  protected Application getApp() {
    return new Application(
        List.of(
            url("/echo", EchoSocket.class),
            url("/chat", ChatSocket.class),
            url("/any-origin", AnyOriginSocket.class),
            url("/refusing", RefusingSocket.class),
            url("/cookie", CookieSocket.class),
            url("/hello", HelloHandler.class)));
  }

  @BeforeEach
  void reset() {
    offeredSubprotocols.clear();
  }

  // ---- Accepted ----------------------------------------------------------------------------------

  @Test
  void answers101WithTheAcceptValueOfTheRfc() throws Exception {
    try (RawWebSocket ws = RawWebSocket.handshake(getHttpPort(), "/echo", RFC_KEY)) {
      assertEquals(101, ws.status());
      assertEquals(RFC_ACCEPT, ws.header("Sec-WebSocket-Accept"));
      assertEquals("websocket", ws.header("Upgrade").toLowerCase(Locale.ROOT));
      assertEquals("upgrade", ws.header("Connection").toLowerCase(Locale.ROOT));
      assertNull(ws.header("Sec-WebSocket-Protocol"));
      assertNull(ws.header("Sec-WebSocket-Extensions"));
      ws.sendText("hi");
      assertEquals("hi", ws.readText());
    }
  }

  @Test
  void the101CarriesTheHeadersAndCookiesTheHandlerSetButNoBodyHeaders() throws Exception {
    try (RawWebSocket ws = RawWebSocket.handshake(getHttpPort(), "/cookie", RFC_KEY)) {
      assertEquals(101, ws.status());
      assertEquals(RFC_ACCEPT, ws.header("Sec-WebSocket-Accept"));
      assertTrue(ws.header("Set-Cookie").startsWith("session=abc123"), ws.header("Set-Cookie"));
      assertEquals("DENY", ws.header("X-Frame-Options"));
      assertEquals("prepare", ws.header("X-Served-By"));
      assertEquals("upgrade", ws.header("Connection").toLowerCase(Locale.ROOT), "not the handler's close");
      assertTrue(ws.header("Server").startsWith("Cyclone/"), ws.header("Server"));
      assertTrue(ws.header("Date").endsWith(" GMT"), ws.header("Date"));
      assertNull(ws.header("Content-Type"), "the default Content-Type describes no body here");
      ws.sendText("still a socket");
      assertEquals("still a socket", ws.readText());
    }
    try (RawWebSocket ws = RawWebSocket.handshake(getHttpPort(), "/echo", RFC_KEY)) {
      assertNull(ws.header("Set-Cookie"), "nothing set, nothing sent");
      assertTrue(ws.header("Date").endsWith(" GMT"), ws.header("Date"));
    }
  }

  @Test
  void acceptsUpgradeAmongOtherConnectionTokens() throws Exception {
    // Firefox sends "Connection: keep-alive, Upgrade"
    try (RawWebSocket ws =
        RawWebSocket.open(getHttpPort(), "/echo", "Connection: keep-alive, Upgrade")) {
      ws.sendText("ok");
      assertEquals("ok", ws.readText());
    }
  }

  @Test
  void upgradesAConnectionThatServedHttpFirst() throws Exception {
    String hello = "GET /hello HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    String refused = request("GET", "/echo", headers("Sec-WebSocket-Version: 8"));
    // pipelined: two requests and the upgrade in one write, answered in order
    try (RawWebSocket ws =
        RawWebSocket.handshake(getHttpPort(), hello + refused, 2, "/echo", RFC_KEY)) {
      assertEquals(101, ws.status());
      assertEquals(RFC_ACCEPT, ws.header("Sec-WebSocket-Accept"));
      ws.sendText("after HTTP");
      assertEquals("after HTTP", ws.readText());
    }
  }

  // ---- Refused: the request is not an upgrade we can take -----------------------------------------

  @Test
  void missingUpgradeIs400AndTheConnectionServesTheNextRequest() throws Exception {
    try (RawConnection c = new RawConnection(getHttpPort())) {
      c.send(request("GET", "/echo", headers("Upgrade:")));
      assertEquals(400, c.read().status());
      assertHelloOn(c);
    }
  }

  @Test
  void upgradeToAnotherProtocolIs400() throws Exception {
    try (RawConnection c = new RawConnection(getHttpPort())) {
      c.send(request("GET", "/echo", headers("Upgrade: h2c")));
      assertEquals(400, c.read().status());
      assertHelloOn(c);
    }
  }

  @Test
  void connectionWithoutUpgradeIs400() throws Exception {
    try (RawConnection c = new RawConnection(getHttpPort())) {
      c.send(request("GET", "/echo", headers("Connection: keep-alive")));
      assertEquals(400, c.read().status());
      assertHelloOn(c);
    }
  }

  @Test
  void version8Is426NamingVersion13() throws Exception {
    try (RawConnection c = new RawConnection(getHttpPort())) {
      c.send(request("GET", "/echo", headers("Sec-WebSocket-Version: 8")));
      RawConnection.Response r = c.read();
      assertEquals(426, r.status());
      assertEquals("13", r.header("Sec-WebSocket-Version"));
      assertHelloOn(c);
    }
  }

  @Test
  void missingOrMalformedKeyIs400() throws Exception {
    for (String key : List.of("Sec-WebSocket-Key:", "Sec-WebSocket-Key: not base64!",
        "Sec-WebSocket-Key: c2hvcnQ=" /* "short": 5 bytes, not 16 */)) {
      try (RawConnection c = new RawConnection(getHttpPort())) {
        c.send(request("GET", "/echo", headers(key)));
        assertEquals(400, c.read().status(), key);
        assertHelloOn(c);
      }
    }
  }

  @Test
  void headIs405AllowingGet() throws Exception {
    try (RawConnection c = new RawConnection(getHttpPort())) {
      c.send(request("HEAD", "/echo", headers()));
      RawConnection.Response r = c.read(false);
      assertEquals(405, r.status());
      assertEquals("GET", r.header("Allow"));
      assertHelloOn(c);
    }
  }

  @Test
  void prepareRefusesTheUpgradeWithItsHttpError() throws Exception {
    try (RawConnection c = new RawConnection(getHttpPort())) {
      c.send(request("GET", "/refusing", headers()));
      assertEquals(403, c.read().status());
      assertHelloOn(c);
    }
  }

  // ---- Origin ----------------------------------------------------------------------------------

  @Test
  void anotherSitesOriginIs403() throws Exception {
    try (RawConnection c = new RawConnection(getHttpPort())) {
      c.send(request("GET", "/echo", headers("Origin: http://evil.example")));
      assertEquals(403, c.read().status());
      // the same host on another port is another origin
      c.send(request("GET", "/echo", headers("Origin: http://127.0.0.1:1")));
      assertEquals(403, c.read().status());
      assertHelloOn(c);
    }
  }

  @Test
  void theSameHostsOriginIsAccepted() throws Exception {
    try (RawWebSocket ws =
        RawWebSocket.open(getHttpPort(), "/echo", "Origin: http://127.0.0.1:" + getHttpPort())) {
      ws.sendText("same origin");
      assertEquals("same origin", ws.readText());
    }
  }

  @Test
  void checkOriginCanBeOverridden() throws Exception {
    try (RawWebSocket ws =
        RawWebSocket.open(getHttpPort(), "/any-origin", "Origin: http://evil.example")) {
      ws.sendText("welcome");
      assertEquals("welcome", ws.readText());
    }
  }

  // ---- Subprotocols ------------------------------------------------------------------------------

  @Test
  void selectsAnOfferedSubprotocol() throws Exception {
    try (RawWebSocket ws =
        RawWebSocket.open(getHttpPort(), "/chat", "Sec-WebSocket-Protocol: v1.chat, v2.chat")) {
      assertEquals("v2.chat", ws.header("Sec-WebSocket-Protocol"));
    }
    assertEquals(List.of(List.of("v1.chat", "v2.chat")), offeredSubprotocols);
  }

  @Test
  void noSubprotocolHeaderWhenNoneIsSelectedOrOffered() throws Exception {
    try (RawWebSocket ws =
        RawWebSocket.open(getHttpPort(), "/chat", "Sec-WebSocket-Protocol: v1.chat")) {
      assertNull(ws.header("Sec-WebSocket-Protocol"));
    }
    try (RawWebSocket ws = RawWebSocket.open(getHttpPort(), "/chat")) {
      assertNull(ws.header("Sec-WebSocket-Protocol"));
      ws.sendText("still works");
      assertEquals("still works", ws.readText());
    }
    assertEquals(List.of(List.of("v1.chat")), offeredSubprotocols, "called only when offered");
  }

  // ---- Helpers -----------------------------------------------------------------------------------

  /** The standard upgrade headers; "Name: value" replaces one, "Name:" removes it. */
  private static List<String> headers(String... changes) {
    List<String> out =
        new ArrayList<>(
            List.of(
                "Upgrade: websocket",
                "Connection: Upgrade",
                "Sec-WebSocket-Key: " + RFC_KEY,
                "Sec-WebSocket-Version: 13"));
    for (String change : changes) {
      String name = change.substring(0, change.indexOf(':') + 1).toLowerCase(Locale.ROOT);
      out.removeIf(h -> h.toLowerCase(Locale.ROOT).startsWith(name));
      if (!change.endsWith(":")) {
        out.add(change);
      }
    }
    return out;
  }

  private String request(String method, String path, List<String> headers) {
    StringBuilder r = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
    r.append("Host: 127.0.0.1:").append(getHttpPort()).append("\r\n");
    headers.forEach(h -> r.append(h).append("\r\n"));
    return r.append("\r\n").toString();
  }

  /** The connection is still serving HTTP: a plain GET on it is answered. */
  private void assertHelloOn(RawConnection c) throws Exception {
    c.send("GET /hello HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    RawConnection.Response r = c.read();
    assertEquals(200, r.status());
    assertEquals("hello", r.body());
    assertTrue(c.silentFor(50), "nothing else on the connection");
  }
}
