package dev.cyclone.example;

import static dev.cyclone.concurrent.Coroutines.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cyclone.annotations.Coroutine;
import dev.cyclone.websocket.WebSocketHandler;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * {@code /chat/socket}: a member of the chat room (Tornado's chat demo, over a WebSocket). On open
 * it sends the room's history, then every new message, each as JSON; what the browser sends,
 * {@code {"name": .., "text": ..}}, is checked and published to the room. A message that is empty
 * or too long gets {@code {"error": ..}} back and goes nowhere.
 */
public class ChatSocket extends WebSocketHandler {
  static final int MAX_NAME = 40;
  static final int MAX_TEXT = 1000;
  static final ObjectMapper JSON = new ObjectMapper();

  ChatRoom room;
  /** This socket as a room member: each message goes out through writeMessage. (Package-private,
   * not private: the coroutines run in the generated subclass.) */
  final Consumer<String> member = this::writeMessage;

  @Override
  protected void initialize(Map<String, Object> args) {
    room = (ChatRoom) args.get("room");
  }

  /** Sends the history, then joins: the newcomer sees the last messages in order, then new ones. */
  @Coroutine
  public CompletableFuture<Void> open() {
    List<ChatMessage> history = await(room.history());
    for (ChatMessage m : history) {
      writeMessage(m.toJson());
    }
    room.join(member);
    return CompletableFuture.completedFuture(null);
  }

  /** A message from the page: checked, stamped, and published to the room. */
  @Coroutine
  public CompletableFuture<Void> onMessage(String message) {
    String problem;
    String name = "";
    String text = "";
    try {
      JsonNode json = JSON.readTree(message);
      name = json.path("name").asText("").strip();
      text = json.path("text").asText("").strip();
      problem = name.isEmpty() ? "say who you are"
          : name.length() > MAX_NAME ? "a name is at most " + MAX_NAME + " characters"
          : text.isEmpty() ? "say something"
          : text.length() > MAX_TEXT ? "a message is at most " + MAX_TEXT + " characters"
          : null;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      problem = "send {\"name\": ..., \"text\": ...}";
    }
    if (problem != null) {
      writeMessage(JSON.createObjectNode().put("error", problem).toString());
      return CompletableFuture.completedFuture(null);
    }
    await(room.publish(new ChatMessage(UUID.randomUUID().toString(), name, text, System.currentTimeMillis())));
    return CompletableFuture.completedFuture(null);
  }

  @Override
  protected void onClose() {
    room.leave(member);
  }
}
