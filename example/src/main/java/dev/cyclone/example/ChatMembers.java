package dev.cyclone.example;

import dev.cyclone.ioloop.IOLoop;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The members of one server's chat room, kept on one loop: joining and leaving hop onto it from
 * whatever loop a socket lives on, and {@link #fanOut} runs there. Both rooms keep their members
 * this way; they differ in where messages and history come from.
 */
abstract class ChatMembers implements ChatRoom {
  /** The loop the room's state lives on. */
  final IOLoop loop;
  private final Set<Consumer<String>> members = new LinkedHashSet<>();

  ChatMembers(IOLoop loop) {
    this.loop = loop;
  }

  @Override
  public CompletableFuture<Void> join(Consumer<String> member) {
    CompletableFuture<Void> joined = new CompletableFuture<>();
    loop.addCallback(() -> {
      members.add(member);
      joined.complete(null);
    });
    return joined;
  }

  @Override
  public void leave(Consumer<String> member) {
    loop.addCallback(() -> members.remove(member));
  }

  /** Sends {@code json} to every member of this server; on {@link #loop}. */
  void fanOut(String json) {
    for (Consumer<String> member : members) {
      member.accept(json);
    }
  }
}
