package dev.cyclone.websocket;

import static dev.cyclone.web.URLSpec.url;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.cyclone.testsupport.TestPeers;
import dev.cyclone.web.Application;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Python Tornado's own client ({@code websocket_connect}, from Debian's python3-tornado) against
 * our server: text, binary and 1 MiB messages with permessage-deflate on and off (the extension
 * is agreed only when both sides want it), close codes both ways, and pings both ways reaching the
 * other side's hooks. The client is {@code tornado_client.py} next to this class; it prints what
 * it saw, one "key: value" a line.
 */
class TornadoInteropTest extends WebSocketTestCase {
  /** What the server's handlers saw: "ping x", "pong x", "close code reason". */
  static final BlockingQueue<String> events = new LinkedBlockingQueue<>();

  /** Echoes; "close" closes with 4000 "bye"; "ping me" pings; answers pings and pongs. */
  public static class InteropSocket extends WebSocketHandler {
    public void onMessage(String message) {
      switch (message) {
        case "close" -> close(4000, "bye");
        case "ping me" -> ping("from server".getBytes(StandardCharsets.UTF_8));
        default -> writeMessage(message);
      }
    }

    public void onMessage(byte[] message) {
      writeMessage(message);
    }

    @Override
    protected String selectSubprotocol(List<String> subprotocols) {
      return subprotocols.contains("v2.chat") ? "v2.chat" : null;
    }

    @Override
    protected void onPing(byte[] data) {
      String text = new String(data, StandardCharsets.UTF_8);
      events.add("ping " + text);
      writeMessage("got ping: " + text);
    }

    @Override
    protected void onPong(byte[] data) {
      String text = new String(data, StandardCharsets.UTF_8);
      events.add("pong " + text);
      writeMessage("got pong: " + text);
    }

    @Override
    protected void onClose() {
      events.add("close " + closeCode() + " " + closeReason());
    }
  }

  /** The same, with permessage-deflate offered. */
  public static class DeflateSocket extends InteropSocket {
    @Override
    protected CompressionOptions getCompressionOptions() {
      return CompressionOptions.defaults();
    }
  }

  /** The same, taking messages of at most 1 KiB. */
  public static class SmallSocket extends InteropSocket {
    @Override
    protected int maxMessageSize() {
      return 1024;
    }
  }


  @Override
  protected Application getApp() {
    return new Application(
        List.of(
            url("/plain", InteropSocket.class),
            url("/deflate", DeflateSocket.class),
            url("/small", SmallSocket.class)));
  }

  @BeforeEach
  void reset() {
    events.clear();
  }

  @Test
  void echoesWithoutCompression() throws Exception {
    List<String> out = tornado("echo", "/plain");
    assertEquals("extensions: none", out.get(0));
    assertEchoed(out);
    assertEquals("close: 4001 None", out.get(5), "the server echoed the client's code");
    assertEquals("close 4001 client bye", nextEvent());
  }

  @Test
  void echoesWithPermessageDeflate() throws Exception {
    List<String> out = tornado("echo", "/deflate", "compress");
    assertTrue(out.get(0).startsWith("extensions: permessage-deflate"), out.get(0));
    assertEchoed(out);
    assertEquals("close 4001 client bye", nextEvent());
  }

  @Test
  void noExtensionUnlessBothSidesWantIt() throws Exception {
    // Tornado offers, the server does not
    List<String> offered = tornado("echo", "/plain", "compress");
    assertEquals("extensions: none", offered.get(0));
    assertEchoed(offered);
    // the server would, Tornado does not offer
    List<String> notOffered = tornado("server-close", "/deflate");
    assertEquals("extensions: none", notOffered.get(0));
  }

  @Test
  void seesTheServersCloseCodeAndReason() throws Exception {
    List<String> out = tornado("server-close", "/plain");
    assertEquals(List.of("extensions: none", "close: 4000 bye"), out);
    assertEquals("close 4000 ", nextEvent(), "Tornado answered with the code");
  }

  @Test
  void seesTheServersCloseCodeForAMessageTooBig() throws Exception {
    List<String> out = tornado("too-big", "/small");
    assertEquals(2, out.size(), out::toString);
    // one frame over the limit: Netty's frame decoder answers, with its own reason
    assertTrue(out.get(1).startsWith("close: 1009 "), out.get(1));
    assertTrue(nextEvent().startsWith("close "), "onClose ran");
  }

  @Test
  void agreesOnASubprotocol() throws Exception {
    List<String> out = tornado("subprotocol", "/plain");
    assertEquals(List.of("extensions: none", "subprotocol: v2.chat", "close: 1000 None"), out);
    assertTrue(nextEvent().startsWith("close 1000"), "closed normally");
  }

  @Test
  void pingsBothWays() throws Exception {
    List<String> out = tornado("ping", "/deflate", "compress");
    assertEquals(
        List.of(
            "on_pong: from tornado", // our pong to Tornado's ping
            "message: got ping: from tornado", // our onPing
            "on_ping: from server", // our ping
            "message: got pong: from server", // Tornado's pong, to our onPong
            "close: 1000 None"),
        out.subList(1, out.size()));
    assertEquals("ping from tornado", nextEvent());
    assertEquals("pong from server", nextEvent());
    assertEquals("close 1000 done", nextEvent());
  }

  private static void assertEchoed(List<String> out) {
    assertTrue(out.size() >= 5, () -> "too little output: " + out);
    assertTrue(out.get(1).startsWith("echoed: str 9 "), out.get(1));
    assertTrue(out.get(2).startsWith("echoed: bytes 256 "), out.get(2));
    assertTrue(out.get(3).startsWith("echoed: str 1048576 "), out.get(3)); // 1.2 MiB of UTF-8
    assertTrue(out.get(4).startsWith("echoed: bytes 1048576 "), out.get(4));
  }

  // ---- Running the client ----------------------------------------------------------------------

  /** Runs tornado_client.py SCENARIO ws://.../path ARGS; its stdout lines, or fails with stderr. */
  private List<String> tornado(String scenario, String path, String... args) throws Exception {
    Path python = TestPeers.pythonWithTornado();
    Path script = Path.of(getClass().getResource("tornado_client.py").toURI());
    List<String> command = new ArrayList<>(List.of(python.toString(), script.toString(), scenario,
        "ws://127.0.0.1:" + getHttpPort() + path));
    command.addAll(List.of(args));
    File stdout = File.createTempFile("tornado-out", ".txt");
    File stderr = File.createTempFile("tornado-err", ".txt");
    try {
      Process p = new ProcessBuilder(command)
          .redirectOutput(stdout)
          .redirectError(stderr)
          .start();
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail("Tornado's client did not finish within 20 s: " + read(stdout) + read(stderr));
      }
      if (p.exitValue() != 0) {
        fail("Tornado's client failed (" + p.exitValue() + ") after\n" + read(stdout)
            + "\n" + read(stderr));
      }
      return read(stdout).lines().toList();
    } finally {
      stdout.delete();
      stderr.delete();
    }
  }

  private static String read(File f) throws Exception {
    return Files.readString(f.toPath(), StandardCharsets.UTF_8);
  }

  private static String nextEvent() throws InterruptedException {
    String e = events.poll(5, TimeUnit.SECONDS);
    if (e == null) {
      fail("no event from the handler within 5 s");
    }
    return e;
  }
}
