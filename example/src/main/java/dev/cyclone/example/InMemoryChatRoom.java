package dev.cyclone.example;

import dev.cyclone.ioloop.IOLoop;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The chat room of one server, the default. Its state lives on one loop, as Tornado's lives on its
 * one thread: the sockets of a multi-loop server call in from their own loops, and every method
 * hops onto the room's loop, so no lock is needed.
 */
public final class InMemoryChatRoom extends ChatMembers {
  private final ArrayDeque<ChatMessage> history = new ArrayDeque<>(HISTORY);

  /** A room whose state lives on {@code loop}. */
  public InMemoryChatRoom(IOLoop loop) {
    super(loop);
  }

  @Override
  public CompletableFuture<List<ChatMessage>> history() {
    CompletableFuture<List<ChatMessage>> result = new CompletableFuture<>();
    loop.addCallback(() -> result.complete(new ArrayList<>(history)));
    return result;
  }

  @Override
  public CompletableFuture<Void> publish(ChatMessage message) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    loop.addCallback(() -> {
      if (history.size() == HISTORY) {
        history.removeFirst();
      }
      history.addLast(message);
      fanOut(message.toJson());
      done.complete(null);
    });
    return done;
  }
}
