package dev.cyclone.websocket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cyclone.httpclient.HTTPConnectionError;
import dev.cyclone.httpclient.HTTPRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cyclone's {@link WebSocketClient} against Python Tornado's own {@code WebSocketHandler} server
 * (Debian's python3-tornado): what one side sends, the other must read as sent. The server script
 * reports what it saw (pings, pongs, close codes) on its output.
 */
class TornadoServerInteropTest {
  private static PythonPeer tornado;
  private static String base;

  @BeforeAll
  static void startTornado() throws Exception {
    tornado = PythonPeer.start("tornado_peer_server.py");
    base = "ws://127.0.0.1:" + tornado.awaitReady() + "/echo";
  }

  @AfterAll
  static void stopTornado() throws Exception {
    if (tornado != null) {
      tornado.close();
    }
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.get(10, TimeUnit.SECONDS);
  }

  private static WebSocketClientConnection connect(String url, WebSocketClientOptions options)
      throws Exception {
    return await(WebSocketClient.connect(HTTPRequest.builder(url).header("X-Test", "interop").build(), options));
  }

  @Test
  void textBinaryAndAMebibyteRoundTripWithoutCompression() throws Exception {
    roundTrips(base + "?id=plain", "plain", WebSocketClientOptions.defaults(), "-");
  }

  @Test
  void textBinaryAndAMebibyteRoundTripWithPermessageDeflate() throws Exception {
    roundTrips(base + "?compress=1&id=deflate", "deflate",
        WebSocketClientOptions.builder().compression(CompressionOptions.defaults()).build(),
        "permessage-deflate");
  }

  private static void roundTrips(
      String url, String id, WebSocketClientOptions options, String offered) throws Exception {
    WebSocketClientConnection ws = connect(url, options);
    String open = tornado.expectLine(id + " open ");
    assertTrue(open.startsWith(id + " open " + offered), open);
    assertTrue(open.endsWith(" interop"), "the request's headers go with the upgrade: " + open);

    await(ws.writeMessage("héllo, tornado"));
    WebSocketMessage text = await(ws.readMessage());
    assertTrue(text.isText());
    assertEquals("héllo, tornado", text.text());

    byte[] bytes = {0, 1, 2, (byte) 0xff, (byte) 0x80};
    await(ws.writeMessage(bytes));
    WebSocketMessage binary = await(ws.readMessage());
    assertFalse(binary.isText());
    assertArrayEquals(bytes, binary.data());

    byte[] mebibyte = new byte[1 << 20];
    for (int i = 0; i < mebibyte.length; i++) {
      mebibyte[i] = (byte) (i * 31 + (i >> 9));
    }
    await(ws.writeMessage(mebibyte));
    assertArrayEquals(mebibyte, await(ws.readMessage()).data());

    ws.close(4002, "client done");
    assertEquals(id + " on_close 4002 client done", tornado.expectLine(id + " on_close"));
    assertNull(await(ws.readMessage()), "a closed socket reads null");
    await(ws.closeFuture());
  }

  @Test
  void theServersCloseCodeAndReasonReachTheClient() throws Exception {
    WebSocketClientConnection ws = connect(base + "?id=serverclose", WebSocketClientOptions.defaults());
    await(ws.writeMessage("close 4001 asked to"));
    assertNull(await(ws.readMessage()));
    await(ws.closeFuture());
    assertEquals(4001, ws.closeCode());
    assertEquals("asked to", ws.closeReason());
    // Tornado sees the close frame the client echoed: the code, without a reason.
    assertEquals("serverclose on_close 4001 None", tornado.expectLine("serverclose on_close"));
  }

  @Test
  void pingsAndPongsCrossBothWays() throws Exception {
    WebSocketClientConnection ws = connect(base + "?id=ping", WebSocketClientOptions.defaults());
    await(ws.ping("from cyclone".getBytes(StandardCharsets.UTF_8)));
    assertEquals("ping on_ping from cyclone", tornado.expectLine("ping on_ping"));

    await(ws.writeMessage("ping from tornado"));
    assertEquals("ping on_pong from tornado", tornado.expectLine("ping on_pong"));
    assertEquals("pong from tornado", await(ws.readMessage()).text());
    ws.close();
    await(ws.closeFuture());
  }

  @Test
  void theServerPicksAnOfferedSubprotocol() throws Exception {
    WebSocketClientConnection ws =
        connect(base, WebSocketClientOptions.builder().subprotocols(List.of("v2.chat", "v1.chat")).build());
    assertEquals("v2.chat", ws.selectedSubprotocol());
    ws.close();
    await(ws.closeFuture());
  }

  @Test
  void wssUsesTheHttpClientsTlsSetup(@TempDir Path dir) throws Exception {
    Path p12 = dir.resolve("server.p12");
    try (var in = TornadoServerInteropTest.class.getResourceAsStream("/dev/cyclone/httpclient/test-server.p12")) {
      Files.copy(in, p12);
    }
    Path cert = dir.resolve("cert.pem");
    Path key = dir.resolve("key.pem");
    openssl("pkcs12", "-in", p12.toString(), "-passin", "pass:cyclone", "-nokeys", "-out", cert.toString());
    openssl("pkcs12", "-in", p12.toString(), "-passin", "pass:cyclone", "-nocerts", "-nodes", "-out", key.toString());
    try (PythonPeer secure = PythonPeer.start("tornado_peer_server.py", cert.toString(), key.toString())) {
      String url = "wss://127.0.0.1:" + secure.awaitReady() + "/echo";

      ExecutionException refused = org.junit.jupiter.api.Assertions.assertThrows(
          ExecutionException.class, () -> await(WebSocketClient.connect(url)));
      assertTrue(refused.getCause() instanceof HTTPConnectionError, String.valueOf(refused.getCause()));
      assertTrue(causedBy(refused, SSLException.class), "a self-signed certificate is refused by default");

      WebSocketClientConnection ws =
          await(WebSocketClient.connect(HTTPRequest.builder(url).validateCert(false).build()));
      await(ws.writeMessage("over TLS"));
      assertEquals("over TLS", await(ws.readMessage()).text());
      ws.close();
      await(ws.closeFuture());
    }
  }

  private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }

  private static void openssl(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "openssl " + args[0] + " failed: " + out);
  }
}
