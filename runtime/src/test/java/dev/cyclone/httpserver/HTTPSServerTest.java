package dev.cyclone.httpserver;

import static dev.cyclone.web.URLSpec.url;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cyclone.httpclient.AsyncHTTPClient;
import dev.cyclone.httpclient.HTTPConnectionError;
import dev.cyclone.httpclient.HTTPRequest;
import dev.cyclone.httpclient.HTTPResponse;
import dev.cyclone.testing.AsyncHTTPSTestCase;
import dev.cyclone.testsupport.LeakWatch;
import dev.cyclone.testsupport.LogCapture;
import dev.cyclone.testsupport.TestPeers;
import dev.cyclone.web.Application;
import dev.cyclone.web.RequestHandler;
import dev.cyclone.websocket.WebSocketClient;
import dev.cyclone.websocket.WebSocketClientConnection;
import dev.cyclone.websocket.WebSocketHandler;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The server over TLS with the JDK's engine, against real clients: the JDK's HttpClient, curl,
 * Python's ssl and http.client, Cyclone's AsyncHTTPClient and a wss:// WebSocket; and clients that
 * cannot speak TLS to it. {@link HTTPSServerOpenSslTest} runs the same tests on OpenSSL.
 */
class HTTPSServerTest extends AsyncHTTPSTestCase {

  /** The request's protocol and full URL, as the handler sees them. */
  public static class WhoHandler extends RequestHandler {
    public void get() {
      write(request().protocol() + " " + request().fullUrl());
    }
  }

  public static class EchoHandler extends RequestHandler {
    public void post() {
      write(new String(request().body(), StandardCharsets.UTF_8));
    }
  }

  public static class EchoSocket extends WebSocketHandler {
    public void onMessage(String message) {
      writeMessage("echo " + message + " over " + request().protocol());
    }
  }

  /** The engine under test. */
  protected TlsProvider provider() {
    return TlsProvider.JDK;
  }

  @Override
  protected HTTPServerOptions getHTTPServerOptions() {
    return super.getHTTPServerOptions().toBuilder().tlsProvider(provider()).build();
  }

  @Override
  protected Application getApp() {
    return new Application(
        List.of(
            url("/who", WhoHandler.class),
            url("/echo", EchoHandler.class),
            url("/ws", EchoSocket.class)));
  }

  @AfterAll
  static void noBufferLeaks() {
    LeakWatch.assertNoBufferLeaks();
  }

  private String origin() {
    return "https://127.0.0.1:" + getHttpPort();
  }

  @Test
  void theRequestSaysHttpsAndTheServerRunsTheEngineAskedFor() {
    assertEquals(provider(), httpServer().options().tls().provider());
    assertTrue(getUrl("/who").startsWith("https://"));
    assertEquals("https " + origin() + "/who?x=1", fetch("/who?x=1").body());
    assertEquals("hello", fetch("/echo", "POST", "hello").body());
  }

  @Test
  void curlGetsThreeOnOneConnectionAndPosts() {
    String cacert = getCertificate().certificateFile().toString();
    String out =
        Processes.run(
            Processes.command(
                TestPeers.curl(),
                "-sS",
                "--cacert",
                cacert,
                "-w",
                " [%{num_connects} %{http_code}]\\n",
                getUrl("/who?n=1"),
                getUrl("/who?n=2"),
                getUrl("/who?n=3")));
    assertEquals(
        "https " + origin() + "/who?n=1 [1 200]\n"
            + "https " + origin() + "/who?n=2 [0 200]\n"
            + "https " + origin() + "/who?n=3 [0 200]\n",
        out,
        "one TLS connection, kept alive for all three");
    String posted =
        Processes.run(
            Processes.command(
                TestPeers.curl(), "-sS", "--cacert", cacert, "--data-binary", "body from curl",
                getUrl("/echo")));
    assertEquals("body from curl", posted);
  }

  @Test
  void pythonSslAndHttpClientTalkToIt() {
    String out =
        Processes.run(
            Processes.command(
                TestPeers.python(),
                Processes.resource("https_client.py").toString(),
                String.valueOf(getHttpPort()),
                getCertificate().certificateFile().toString()));
    for (int i = 0; i < 3; i++) {
      assertTrue(out.contains("get" + i + "=200 https " + origin() + "/who?i=" + i + "\n"), out);
    }
    assertTrue(out.contains("post=200 posted from python\n"), out);
    assertTrue(out.contains("connections=1\n"), out);
    assertTrue(out.contains("alpn=http/1.1\n"), "ALPN chooses http/1.1 over h2: " + out);
    assertTrue(out.contains("version=TLSv1.3\n"), out);
    assertTrue(out.contains("subject=localhost\n"), out);
    assertTrue(out.contains("tls12=accepted TLSv1.2 ECDHE-ECDSA-AES"), out);
    assertTrue(out.contains("weak=refused\n"), "no CBC or static RSA suites: " + out);
  }

  @Test
  void cyclonesClientTrustsTheTestCertificate() throws Exception {
    AsyncHTTPClient client = new AsyncHTTPClient();
    try {
      for (String base : List.of(origin(), "https://localhost:" + getHttpPort())) {
        HTTPResponse r =
            client
                .fetch(HTTPRequest.builder(base + "/who").sslContext(clientSslContext()).build())
                .get(10, TimeUnit.SECONDS);
        assertEquals("https " + base + "/who", r.bodyText());
      }
      // Without the test certificate the client refuses it; the server drops that connection
      // quietly and goes on.
      try (LogCapture log = LogCapture.start()) {
        ExecutionException e =
            assertThrows(
                ExecutionException.class,
                () -> client.fetch(origin() + "/who").get(10, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof HTTPConnectionError, String.valueOf(e.getCause()));
        assertEquals("https " + origin() + "/who", fetch("/who").body());
        assertQuiet(log);
      }
    } finally {
      client.close();
    }
  }

  @Test
  void aWssWebSocketReachesItsHandler() throws Exception {
    String wss = "wss://127.0.0.1:" + getHttpPort() + "/ws";
    WebSocketClientConnection ws =
        WebSocketClient.connect(HTTPRequest.builder(wss).sslContext(clientSslContext()).build())
            .get(10, TimeUnit.SECONDS);
    ws.writeMessage("hello").get(10, TimeUnit.SECONDS);
    assertEquals("echo hello over https", ws.readMessage().get(10, TimeUnit.SECONDS).text());
    ws.close();
    ws.closeFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void plainHttpOnTheTlsPortIsClosedQuietlyAndOthersAreServed() throws Exception {
    try (LogCapture log = LogCapture.start()) {
      for (int i = 0; i < 3; i++) {
        try (Socket plain = new Socket("127.0.0.1", getHttpPort())) {
          plain.setSoTimeout(10_000);
          plain.getOutputStream()
              .write("GET /who HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
          String answer = readToEnd(plain.getInputStream()); // a timeout here fails the test
          assertFalse(answer.contains("HTTP/1.1"), "no HTTP answer in clear: " + answer);
        }
        assertEquals("https " + origin() + "/who", fetch("/who").body());
      }
      assertQuiet(log);
    }
  }

  @Test
  void aFailedHandshakeIsClosedQuietlyAndOthersAreServed() throws Exception {
    try (LogCapture log = LogCapture.start()) {
      // A client that offers only TLS 1.1, which the server does not speak.
      SSLContext old = SSLContext.getInstance("TLS");
      old.init(null, null, null);
      try (SSLSocket socket = (SSLSocket) old.getSocketFactory().createSocket("127.0.0.1", getHttpPort())) {
        socket.setSoTimeout(10_000);
        socket.setEnabledProtocols(new String[] {"TLSv1.1"});
        assertThrows(SSLException.class, socket::startHandshake);
      }
      // A client that does not trust the certificate (the JDK's default trust store).
      try (SSLSocket socket =
          (SSLSocket) SSLContext.getDefault().getSocketFactory().createSocket("127.0.0.1", getHttpPort())) {
        socket.setSoTimeout(10_000);
        assertThrows(SSLException.class, socket::startHandshake);
      }
      // A client that connects and sends half a ClientHello, then goes away.
      try (Socket half = new Socket("127.0.0.1", getHttpPort())) {
        half.getOutputStream().write(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 0x01});
      }
      assertEquals("https " + origin() + "/who", fetch("/who").body());
      assertQuiet(log);
    }
  }

  @Test
  void withXheadersTheProxysSchemeWinsAndHttpsIsTheDefault() {
    HTTPServer proxied =
        new HTTPServer(app(), getHTTPServerOptions().toBuilder().threads(1).xheaders(true).build());
    try {
      int port = proxied.listen(0, "127.0.0.1");
      String who = "https://127.0.0.1:" + port + "/who";
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(who));
      assertEquals("https " + who, fetch(request.copy()).body(), "no header: the connection's");
      assertEquals(
          "http http://127.0.0.1:" + port + "/who",
          fetch(request.copy().header("X-Forwarded-Proto", "http")).body(),
          "a TLS-speaking proxy for a client that came over http");
      assertEquals("https " + who, fetch(request.copy().header("X-Scheme", "https")).body());
    } finally {
      proxied.stop();
    }
  }

  @Test
  void applicationListenServesTlsFromItsOptions() {
    HTTPServer server = app().listen(0, "127.0.0.1", getHTTPServerOptions());
    try {
      String who = "https://127.0.0.1:" + server.port() + "/who";
      assertEquals("https " + who, fetch(HttpRequest.newBuilder(URI.create(who))).body());
    } finally {
      server.stop();
    }
  }

  private static String readToEnd(InputStream in) throws java.io.IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    in.transferTo(out);
    return out.toString(StandardCharsets.ISO_8859_1);
  }

  /** Nothing the server logged at WARN or ERROR. */
  private static void assertQuiet(LogCapture log) {
    String text = log.text();
    assertFalse(text.contains("WARN") || text.contains("ERROR"), "logged:\n" + text);
  }
}
