package dev.cyclone.benchmarks.servers;

import dev.cyclone.httpserver.HTTPServer;
import dev.cyclone.httpserver.HTTPServerOptions;
import dev.cyclone.ioloop.Transports;
import dev.cyclone.web.Application;
import dev.cyclone.web.URLSpec;
import dev.cyclone.websocket.WebSocketHandler;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The WebSocket comparison's Cyclone server, written as a user would write Tornado's chat demo:
 * {@code /room} sends every text message it receives to every member, {@code /echo} sends it back.
 *
 * <pre>
 *   CycloneWsServer --port 8080 --loops 1 [--transport io_uring|epoll|nio]
 * </pre>
 */
public final class CycloneWsServer {
  private CycloneWsServer() {}

  /** A room member; the set is safe from any loop, and writes hop to each member's own loop. */
  public static class Room extends WebSocketHandler {
    static final Set<Room> members = ConcurrentHashMap.newKeySet();

    public void open() {
      members.add(this);
    }

    public void onMessage(String message) {
      for (Room member : members) {
        member.writeMessage(message);
      }
    }

    @Override
    protected void onClose() {
      members.remove(this);
    }
  }

  /** Sends each message back. */
  public static class Echo extends WebSocketHandler {
    public void onMessage(String message) {
      writeMessage(message);
    }
  }

  public static void main(String[] args) throws InterruptedException {
    ServerArgs a = ServerArgs.parse("CycloneWsServer", args, "transport");
    String transport = a.get("transport", null);
    if (transport != null) {
      System.setProperty(Transports.PROPERTY, transport); // before the first loop is made
    }
    System.setProperty("org.slf4j.simpleLogger.log.dev.cyclone.access", "warn");
    Application app = new Application(List.of(URLSpec.url("/room", Room.class), URLSpec.url("/echo", Echo.class)));
    HTTPServer server = app.listen(a.port, "127.0.0.1", HTTPServerOptions.builder().threads(a.loops).build());
    ServerArgs.ready(server.port(), Transports.current());
    Thread.currentThread().join();
  }
}
