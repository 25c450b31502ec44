package dev.cyclone.example;

import dev.cyclone.ioloop.IOLoop;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A chat room shared by every server that connects to the same Redis: what one server's member
 * says reaches the members of all of them, through Redis pub/sub, and the history is a Redis list
 * (newest first, trimmed to {@link #HISTORY}), so it outlives any one server.
 *
 * <p>Threads: Lettuce runs on its own Netty event loops, and delivers replies and published
 * messages there. This room does not run Lettuce on Cyclone's loops; it bridges: every reply and
 * every message is handed to the room's loop ({@link IOLoop#addCallback}) before it touches the
 * room's state (its local members), so the state stays confined to one loop, as in {@link
 * InMemoryChatRoom}, and Lettuce's threads never wait on Cyclone's or the other way round. Writing
 * to a member's socket then hops to that socket's loop by itself.
 */
public final class RedisChatRoom extends ChatMembers {
  static final String HISTORY_KEY = "cyclone:chat:history";
  static final String CHANNEL = "cyclone:chat";

  private final RedisClient client;
  private final StatefulRedisConnection<String, String> connection;
  private final StatefulRedisPubSubConnection<String, String> subscription;
  private final RedisAsyncCommands<String, String> redis;

  static {
    // Lettuce picks epoll when both epoll and io_uring load (netty-all brings both), and warns that
    // it did so at every start. Saying so here, unless the user chose, keeps the log quiet.
    System.getProperties().putIfAbsent("io.lettuce.core.iouring", "false");
  }

  private RedisChatRoom(IOLoop loop, RedisClient client) {
    super(loop);
    this.client = client;
    this.connection = client.connect();
    this.redis = connection.async();
    this.subscription = client.connectPubSub();
    subscription.addListener(new RedisPubSubAdapter<>() {
      @Override
      public void message(String channel, String json) {
        loop.addCallback(() -> fanOut(json)); // from Lettuce's thread onto the room's loop
      }
    });
  }

  /**
   * Connects to Redis at {@code uri} ({@code redis://host:port}) and subscribes to the room's
   * channel; the room's state lives on {@code loop}. Blocks while connecting: call it at startup,
   * not on a loop.
   */
  public static RedisChatRoom connect(String uri, IOLoop loop) {
    RedisChatRoom room = new RedisChatRoom(loop, RedisClient.create(uri));
    room.subscription.sync().subscribe(CHANNEL);
    return room;
  }

  @Override
  public CompletableFuture<List<ChatMessage>> history() {
    return onLoop(redis.lrange(HISTORY_KEY, 0, HISTORY - 1)).thenApply(newestFirst -> {
      List<ChatMessage> out = new ArrayList<>(newestFirst.size());
      for (String json : newestFirst) {
        out.add(ChatMessage.fromJson(json));
      }
      Collections.reverse(out);
      return out;
    });
  }

  /**
   * Keeps the message in the history and publishes it, in one script that Redis runs without
   * another client's command in between: a newcomer's history then holds exactly the messages
   * published before it was read, so the first message it hears that is not in its history is
   * newer than all of it ({@code ChatSocket} relies on that). Every server's subscription, this
   * one's included, sends it to its members.
   */
  @Override
  public CompletableFuture<Void> publish(ChatMessage message) {
    String[] keys = {HISTORY_KEY};
    return onLoop(
            redis.<Long>eval(
                PUBLISH_SCRIPT,
                ScriptOutputType.INTEGER,
                keys,
                message.toJson(),
                Integer.toString(HISTORY - 1),
                CHANNEL))
        .thenApply(receivers -> null);
  }

  /** LPUSH, LTRIM and PUBLISH as one: KEYS[1] the history; ARGV the message, last index, channel. */
  private static final String PUBLISH_SCRIPT =
      "redis.call('LPUSH', KEYS[1], ARGV[1]) "
          + "redis.call('LTRIM', KEYS[1], 0, tonumber(ARGV[2])) "
          + "return redis.call('PUBLISH', ARGV[3], ARGV[1])";

  /** A Lettuce reply, completed on the room's loop instead of Lettuce's. */
  private <T> CompletableFuture<T> onLoop(CompletionStage<T> reply) {
    CompletableFuture<T> result = new CompletableFuture<>();
    reply.whenComplete((value, failure) -> loop.addCallback(() -> {
      if (failure != null) {
        result.completeExceptionally(failure);
      } else {
        result.complete(value);
      }
    }));
    return result;
  }

  @Override
  public void close() {
    subscription.close();
    connection.close();
    client.shutdown();
  }
}
