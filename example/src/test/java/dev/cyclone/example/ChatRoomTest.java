package dev.cyclone.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cyclone.testing.AsyncHTTPTestCase;
import dev.cyclone.web.Application;
import dev.cyclone.websocket.WebSocketClient;
import dev.cyclone.websocket.WebSocketClientConnection;
import java.net.http.HttpResponse;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The chat room of one server (in memory), with Cyclone's WebSocket client as the members. */
class ChatRoomTest extends AsyncHTTPTestCase {
  static final ObjectMapper JSON = new ObjectMapper();

  @Override
  protected Application getApp() {
    return ExampleServer.makeApp();
  }

  static <T> T get(Future<T> f) throws Exception {
    return f.get(10, TimeUnit.SECONDS);
  }

  static String say(String name, String text) {
    return JSON.createObjectNode().put("name", name).put("text", text).toString();
  }

  static JsonNode read(WebSocketClientConnection ws) throws Exception {
    return JSON.readTree(get(ws.readMessage()).text());
  }

  WebSocketClientConnection join() throws Exception {
    return get(WebSocketClient.connect(getUrl("/chat/socket").replaceFirst("^http", "ws")));
  }

  @Test
  void aMessageReachesEveryMemberAsSent() throws Exception {
    WebSocketClientConnection ann = join();
    WebSocketClientConnection bob = join();
    Thread.sleep(100); // both have joined (joining hops onto the room's loop)
    ann.writeMessage(say("<script>alert(1)</script>", "hello & <b>welcome</b>"));
    for (WebSocketClientConnection member : new WebSocketClientConnection[] {ann, bob}) {
      JsonNode m = read(member);
      assertEquals("<script>alert(1)</script>", m.get("name").asText(), "names travel as data; the page escapes them");
      assertEquals("hello & <b>welcome</b>", m.get("text").asText());
      assertFalse(m.get("id").asText().isEmpty());
      assertTrue(m.get("time").asLong() > 0);
    }
    ann.close();
    bob.close();
  }

  @Test
  void aNewcomerGetsTheLastHundredMessagesInOrder() throws Exception {
    WebSocketClientConnection talker = join();
    Thread.sleep(100);
    for (int i = 0; i < 105; i++) {
      talker.writeMessage(say("talker", "message " + i));
    }
    for (int i = 0; i < 105; i++) {
      assertEquals("message " + i, read(talker).get("text").asText()); // all published
    }
    WebSocketClientConnection newcomer = join();
    for (int i = 5; i < 105; i++) {
      assertEquals("message " + i, read(newcomer).get("text").asText());
    }
    talker.close();
    newcomer.close();
  }

  @Test
  void emptyOrOversizedInputIsRefusedToItsSenderOnly() throws Exception {
    WebSocketClientConnection ws = join();
    ws.writeMessage(say("ann", "x".repeat(ChatSocket.MAX_TEXT + 1)));
    assertEquals("a message is at most 1000 characters", read(ws).get("error").asText());
    ws.writeMessage(say("", "hi"));
    assertEquals("say who you are", read(ws).get("error").asText());
    ws.writeMessage("not json");
    assertTrue(read(ws).get("error").asText().startsWith("send {"));
    ws.close();
  }

  @Test
  void thePageShowsMessagesAsTextNeverAsHtml() {
    HttpResponse<String> page = fetch("/chat");
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("new WebSocket("), "the page talks to /chat/socket");
    assertTrue(page.body().contains(".textContent = message.name"));
    assertFalse(page.body().contains("innerHTML"), "no HTML is built from messages");
  }
}
