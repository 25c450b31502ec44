package dev.cyclone.httpserver;

import static dev.cyclone.web.URLSpec.url;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cyclone.web.Application;
import dev.cyclone.web.RequestHandler;
import io.netty.channel.Channel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link HTTPServerOptions#reusePort()}: servers sharing a port (Tornado's {@code reuse_port}, the
 * way to run a process per core), a listening socket per loop that accepts for its own loop, and
 * the error when a port is taken and not shared.
 */
class HTTPServerReusePortTest {
  private static final int CONNECTIONS = 64;
  private final List<HTTPServer> servers = new ArrayList<>();

  /** Answers with the name of the server it runs in and of the loop thread serving it. */
  public static class WhoHandler extends RequestHandler {
    private String name;

    @Override
    protected void initialize(Map<String, Object> args) {
      name = (String) args.get("name");
    }

    public void get() {
      write(name + " " + Thread.currentThread().getName());
    }
  }

  @AfterEach
  void stopServers() {
    servers.forEach(HTTPServer::stop);
  }

  private HTTPServer server(String name, int threads, boolean reusePort) {
    Application app = new Application(List.of(url("/", WhoHandler.class, Map.of("name", name))));
    HTTPServer server =
        new HTTPServer(app, HTTPServerOptions.builder().threads(threads).reusePort(reusePort).build());
    servers.add(server);
    return server;
  }

  /** Opens {@code CONNECTIONS} connections at once, asks each who serves it, closes them all. */
  private static List<String> askMany(int port) throws IOException {
    List<RawConnection> open = new ArrayList<>();
    List<String> answers = new ArrayList<>();
    try {
      for (int i = 0; i < CONNECTIONS; i++) {
        open.add(new RawConnection(port));
      }
      for (RawConnection c : open) {
        RawConnection.Response r = c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read();
        assertEquals(200, r.status(), r.statusLine());
        answers.add(r.body());
      }
    } finally {
      for (RawConnection c : open) {
        c.close();
      }
    }
    return answers;
  }

  private static Set<String> servers(List<String> answers) {
    Set<String> names = new TreeSet<>();
    answers.forEach(a -> names.add(a.split(" ")[0]));
    return names;
  }

  @Test
  void twoServersShareAPortAndTheKernelSpreadsConnectionsOverBoth() throws IOException {
    int port = server("a", 1, true).listen(0, "127.0.0.1");
    HTTPServer b = server("b", 1, true);
    assertEquals(port, b.listen(port, "127.0.0.1"));

    // The kernel picks by a hash of the client's port: 64 connections all on one is 2^-63.
    assertEquals(Set.of("a", "b"), servers(askMany(port)));

    // One process leaves (a restart, a crash): the others serve every new connection.
    servers.get(0).stop();
    assertEquals(Set.of("b"), servers(askMany(port)));
  }

  @Test
  void eachLoopHasAListenerAndServesTheConnectionsItAccepted() throws IOException {
    HTTPServer server = server("a", 2, true);
    int port = server.listen(0, "127.0.0.1");
    assertEquals(2, server.listeners().size());
    Set<Object> listenerLoops = new HashSet<>();
    for (Channel listener : server.listeners()) {
      assertEquals(port, ((InetSocketAddress) listener.localAddress()).getPort());
      listenerLoops.add(listener.eventLoop());
    }
    assertEquals(2, listenerLoops.size(), "the listeners share a loop");

    List<String> answers = askMany(port);
    Set<String> threads = new TreeSet<>();
    answers.forEach(a -> threads.add(a.split(" ")[1]));
    assertEquals(2, threads.size(), "one loop served every connection: " + threads);
    // Every connection is on the loop of the listener that accepted it.
    List<RawConnection> open = new ArrayList<>();
    try {
      for (int i = 0; i < 8; i++) {
        open.add(new RawConnection(port));
        open.get(i).send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read();
      }
      assertEquals(8, server.connections().size());
      for (Channel ch : server.connections()) {
        assertSame(ch.parent().eventLoop(), ch.eventLoop(), "a connection was handed to another loop");
      }
    } finally {
      for (RawConnection c : open) {
        c.close();
      }
    }
  }

  @Test
  void withoutReusePortOneListenerAcceptsForEveryLoop() throws IOException {
    HTTPServer server = server("a", 2, false);
    int port = server.listen(0, "127.0.0.1");
    assertEquals(1, server.listeners().size());
    List<String> answers = askMany(port);
    Set<String> threads = new TreeSet<>();
    answers.forEach(a -> threads.add(a.split(" ")[1]));
    assertEquals(2, threads.size(), "connections are dealt to every loop in turn: " + threads);
  }

  @Test
  void aTakenPortFailsWithTheAddressAndTheFix() {
    int port = server("a", 1, false).listen(0, "127.0.0.1");
    UncheckedIOException e =
        assertThrows(UncheckedIOException.class, () -> server("b", 1, false).listen(port, "127.0.0.1"));
    assertTrue(e.getMessage().startsWith("[ListenFailed] cannot listen on /127.0.0.1:" + port + ": "), e.getMessage());
    assertTrue(e.getMessage().contains("reusePort(true)"), e.getMessage());
  }

  @Test
  void anAddressNotOnThisMachineFailsWithTheSystemsReasonAndNoPortAdvice() {
    // 192.0.2.1 is TEST-NET-1 (RFC 5737): no interface of this machine has it
    UncheckedIOException e =
        assertThrows(UncheckedIOException.class, () -> server("a", 1, false).listen(0, "192.0.2.1"));
    assertTrue(e.getMessage().startsWith("[ListenFailed] cannot listen on /192.0.2.1:0: "), e.getMessage());
    assertTrue(!e.getMessage().contains("reusePort"), e.getMessage());
  }

  @Test
  void aPortHeldWithoutReusePortCannotBeJoinedWithIt() {
    int port = server("a", 1, false).listen(0, "127.0.0.1");
    assertThrows(UncheckedIOException.class, () -> server("b", 1, true).listen(port, "127.0.0.1"));
  }
}
