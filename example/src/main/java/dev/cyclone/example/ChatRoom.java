package dev.cyclone.example;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A chat room (Tornado's chat demo's {@code MessageBuffer}): members join to hear every message,
 * newcomers get the last {@link #HISTORY} messages. {@link InMemoryChatRoom} keeps it in this
 * process; {@link RedisChatRoom} shares it between servers through Redis.
 *
 * <p>Members are callbacks that take a message's JSON; they may be called from any thread (a
 * {@code WebSocketHandler}'s {@code writeMessage} hops onto its socket's loop by itself).
 */
public interface ChatRoom {
  /** How many of the latest messages a newcomer gets. */
  int HISTORY = 100;

  /**
   * Starts sending every new message to {@code member}. The future completes once it has joined:
   * every message published from then on reaches it, so a history read after that misses nothing
   * in between (a message may come both ways; its id tells).
   */
  CompletableFuture<Void> join(Consumer<String> member);

  /** Stops sending to {@code member}. */
  void leave(Consumer<String> member);

  /** The latest messages, oldest first, at most {@link #HISTORY}. */
  CompletableFuture<List<ChatMessage>> history();

  /** Sends {@code message} to every member (on every server) and keeps it in the history. */
  CompletableFuture<Void> publish(ChatMessage message);

  /** Lets go of what the room holds (connections); the room is not used afterwards. */
  default void close() {}
}
