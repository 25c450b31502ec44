package dev.cyclone.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cyclone.httpserver.HTTPServer;
import dev.cyclone.ioloop.IOLoop;
import dev.cyclone.websocket.WebSocketClient;
import dev.cyclone.websocket.WebSocketClientConnection;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chat on two servers at once, as users run it behind a load balancer: a real {@code
 * redis-server} (Debian's, started here on a free port) and two example applications with {@code
 * RedisChatRoom}, a member on each. What one says reaches the other; the history outlives a
 * restart of one server.
 */
class ChatRedisTest {
  private Process redis;
  private String redisUrl;
  private final Server a = new Server("a");
  private final Server b = new Server("b");

  /** One example server: its room's loop, its room, its HTTP server. */
  private final class Server {
    final String name;
    IOLoop loop;
    RedisChatRoom room;
    HTTPServer http;

    Server(String name) {
      this.name = name;
    }

    void start() {
      loop = IOLoop.create("chat-" + name);
      room = RedisChatRoom.connect(redisUrl, loop);
      http = ExampleServer.makeApp(room, ExampleServer.newCookieSecret()).listen(0, "127.0.0.1");
    }

    void stop() {
      if (http != null) {
        http.stop();
        room.close();
        loop.close();
        http = null;
      }
    }

    WebSocketClientConnection join() throws Exception {
      WebSocketClientConnection ws =
          ChatRoomTest.get(WebSocketClient.connect("ws://127.0.0.1:" + http.port() + "/chat/socket"));
      Thread.sleep(100); // joining hops onto the room's loop
      return ws;
    }
  }

  @BeforeEach
  void startRedis(@TempDir Path dir) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    redis = new ProcessBuilder(Peers.redisServer().toString(), "--port", Integer.toString(port),
            "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("redis.log").toFile())
        .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      try (Socket probe = new Socket()) {
        probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
        break;
      } catch (IOException notYet) {
        if (System.nanoTime() > deadline || !redis.isAlive()) {
          fail("redis-server did not start; see " + dir.resolve("redis.log"));
        }
        Thread.sleep(50);
      }
    }
    redisUrl = "redis://127.0.0.1:" + port;
    a.start();
    b.start();
  }

  @AfterEach
  void stopAll() throws Exception {
    a.stop();
    b.stop();
    redis.destroy();
    if (!redis.waitFor(10, TimeUnit.SECONDS)) {
      redis.destroyForcibly();
    }
  }

  @Test
  void aMessageSentToOneServerArrivesAtTheOther() throws Exception {
    WebSocketClientConnection onA = a.join();
    WebSocketClientConnection onB = b.join();
    onA.writeMessage(ChatRoomTest.say("ann", "hello from a"));
    JsonNode atB = ChatRoomTest.read(onB);
    assertEquals("ann", atB.get("name").asText());
    assertEquals("hello from a", atB.get("text").asText());
    assertEquals("hello from a", ChatRoomTest.read(onA).get("text").asText(), "the sender hears it too");

    onB.writeMessage(ChatRoomTest.say("bob", "and back from b"));
    assertEquals("and back from b", ChatRoomTest.read(onA).get("text").asText());
    onA.close();
    onB.close();
  }

  @Test
  void theHistoryOutlivesARestartOfOneServer() throws Exception {
    WebSocketClientConnection onB = b.join();
    for (int i = 0; i < 3; i++) {
      onB.writeMessage(ChatRoomTest.say("bob", "before the restart " + i));
      ChatRoomTest.read(onB);
    }
    a.stop();
    a.start();
    WebSocketClientConnection newcomer = a.join();
    for (int i = 0; i < 3; i++) {
      assertEquals("before the restart " + i, ChatRoomTest.read(newcomer).get("text").asText());
    }
    onB.writeMessage(ChatRoomTest.say("bob", "after"));
    assertEquals("after", ChatRoomTest.read(newcomer).get("text").asText(), "the restarted server hears new ones");
    onB.close();
    newcomer.close();
  }
}
