package dev.cyclone.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cyclone.ioloop.IOLoop;
import dev.cyclone.testing.AsyncHTTPTestCase;
import dev.cyclone.web.Application;
import dev.cyclone.websocket.WebSocketClient;
import dev.cyclone.websocket.WebSocketClientConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * A newcomer's history against the messages published while it joins: the window between reading
 * the history and joining the room, and a broadcast that arrives after the history, each made to
 * happen every time by a room that publishes or delivers exactly there.
 */
class ChatSocketTest extends AsyncHTTPTestCase {
  static final ObjectMapper JSON = new ObjectMapper();

  /**
   * An in-memory room that, asked for its history, takes the snapshot and then publishes one more
   * message before it answers ("after"), or publishes one just before the snapshot ("both": it is
   * then in the history and, for a member already joined, fanned out too).
   */
  static final class RacingRoom implements ChatRoom {
    final InMemoryChatRoom room;
    volatile String mode = "none";
    int published;

    RacingRoom(IOLoop loop) {
      room = new InMemoryChatRoom(loop);
    }

    @Override
    public CompletableFuture<Void> join(Consumer<String> member) {
      return room.join(member);
    }

    @Override
    public void leave(Consumer<String> member) {
      room.leave(member);
    }

    @Override
    public CompletableFuture<List<ChatMessage>> history() {
      return switch (mode) {
        case "after" -> room.history().thenCompose(h -> room.publish(message("after the snapshot")).thenApply(v -> h));
        case "both" -> room.publish(message("before the snapshot")).thenCompose(v -> room.history());
        case "late" -> room.history().thenApply(h -> {
          // the broadcast of the history's last message reaches this server after the history
          // went out, as Redis pub/sub may
          room.loop.callLater(Duration.ofMillis(100), () -> room.fanOut(h.get(h.size() - 1).toJson()));
          return h;
        });
        default -> room.history();
      };
    }

    @Override
    public CompletableFuture<Void> publish(ChatMessage message) {
      return room.publish(message);
    }

    private ChatMessage message(String text) {
      return new ChatMessage("racing-" + (++published), "room", text, System.currentTimeMillis());
    }
  }

  RacingRoom room;

  @Override
  protected Application getApp() {
    room = new RacingRoom(IOLoop.current());
    return ExampleServer.makeApp(room, ExampleServer.newCookieSecret());
  }

  private WebSocketClientConnection connect() throws Exception {
    return WebSocketClient.connect(getUrl("/chat/socket").replaceFirst("^http", "ws")).get(10, TimeUnit.SECONDS);
  }

  private static String text(WebSocketClientConnection ws) throws Exception {
    return JSON.readTree(ws.readMessage().get(10, TimeUnit.SECONDS).text()).get("text").asText();
  }

  private List<String> firstTexts(int n) throws Exception {
    WebSocketClientConnection ws = connect();
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      texts.add(text(ws));
    }
    // nothing else is on its way: a message of its own comes back next
    ws.writeMessage(JSON.createObjectNode().put("name", "me").put("text", "last").toString());
    texts.add(text(ws));
    ws.close();
    return texts;
  }

  @Test
  void aMessagePublishedAfterTheHistoryWasReadStillReachesTheNewcomer() throws Exception {
    room.publish(new ChatMessage("old", "room", "old news", 1)).get(5, TimeUnit.SECONDS);
    room.mode = "after";
    assertEquals(List.of("old news", "after the snapshot", "last"), firstTexts(2));
  }

  @Test
  void aHistoryMessageWhoseBroadcastArrivesAfterTheHistoryComesOnce() throws Exception {
    room.publish(new ChatMessage("m1", "room", "first", 1)).get(5, TimeUnit.SECONDS);
    room.publish(new ChatMessage("m2", "room", "second", 2)).get(5, TimeUnit.SECONDS);
    room.mode = "late";
    WebSocketClientConnection ws = connect();
    assertEquals("first", text(ws));
    assertEquals("second", text(ws));
    Thread.sleep(300); // the late broadcast of "second" has come and gone
    ws.writeMessage(JSON.createObjectNode().put("name", "me").put("text", "last").toString());
    assertEquals("last", text(ws), "the late copy of \"second\" was not sent");
    ws.close();
  }

  @Test
  void aMessageInTheHistoryAndFannedOutToTheNewcomerComesOnce() throws Exception {
    room.mode = "both";
    assertEquals(List.of("before the snapshot", "last"), firstTexts(1));
  }
}
