package dev.cyclone.example;

import static dev.cyclone.concurrent.Coroutines.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cyclone.annotations.Coroutine;
import dev.cyclone.ioloop.IOLoop;
import dev.cyclone.websocket.WebSocketHandler;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
  /** This socket as a room member, from open on. (Package-private, not private: the coroutines run
   * in the generated subclass.) */
  Member member;

  @Override
  protected void initialize(Map<String, Object> args) {
    room = (ChatRoom) args.get("room");
  }

  /**
   * Joins, then sends the history, then every new message. Joining first closes the window in
   * which a message published after the history was read but before the join would be missed:
   * what arrives meanwhile waits behind the history, and a message that comes both ways (in the
   * history, and live a little later, as a Redis broadcast may) is sent once.
   */
  @Coroutine
  public CompletableFuture<Void> open() {
    member = new Member(IOLoop.current());
    await(room.join(member));
    List<ChatMessage> history = await(room.history());
    member.start(history);
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
    if (member != null) {
      room.leave(member);
    }
  }

  /**
   * The socket as the room sees it: the room calls it from its own loop, and it hops onto the
   * socket's, where the history is sent, so the two need no lock.
   */
  final class Member implements Consumer<String> {
    private final IOLoop loop;
    /** Messages that arrived before the history was sent; null from then on. On {@link #loop}. */
    private List<String> held = new ArrayList<>();
    /**
     * The ids of the history sent, while a message of it may still arrive live (a room's
     * broadcast can reach this server after the history was read); null from the first live
     * message that is not among them, since a room publishes in the order it keeps its history.
     */
    private Set<String> historyIds;

    Member(IOLoop loop) {
      this.loop = loop;
    }

    /** Called by the room, on any thread, with a message's JSON. */
    @Override
    public void accept(String json) {
      loop.addCallback(() -> {
        if (held != null) {
          held.add(json);
        } else {
          deliverLive(json);
        }
      });
    }

    /** A live message once the history is out: sent unless the history already had it. */
    private void deliverLive(String json) {
      if (historyIds == null) {
        writeMessage(json);
      } else if (!historyIds.contains(ChatMessage.fromJson(json).id())) {
        historyIds = null; // newer than the whole history: nothing of it can follow
        writeMessage(json);
      }
    }

    /**
     * Sends {@code history}, then what arrived meanwhile that it lacks. Called on the socket's
     * loop, it queues the work there rather than doing it at once: the history's future may be
     * seen complete before the loop has run the deliveries the room queued before completing it,
     * and those must be held first.
     */
    void start(List<ChatMessage> history) {
      loop.addCallback(() -> {
        Set<String> sent = new HashSet<>();
        for (ChatMessage m : history) {
          writeMessage(m.toJson());
          sent.add(m.id());
        }
        List<String> arrived = held;
        held = null;
        historyIds = sent.isEmpty() ? null : sent;
        for (String json : arrived) {
          deliverLive(json);
        }
      });
    }
  }
}
