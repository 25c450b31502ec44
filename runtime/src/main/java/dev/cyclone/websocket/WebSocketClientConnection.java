package dev.cyclone.websocket;

import dev.cyclone.ioloop.IOLoop;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An open client WebSocket (Tornado's {@code WebSocketClientConnection}), made by {@link
 * WebSocketClient#connect}. It lives on one loop (the loop of the thread that connected, or the
 * default loop); its methods may be called from any thread and hop there, and the futures they
 * return complete there.
 *
 * <p>Messages are read with {@link #readMessage()} — one future per message, in order, null once
 * the socket has closed — or handed to the {@code onMessage} callback of the options. As in
 * Tornado, at most one unread message is held: the socket stops reading from the server until it
 * is taken, so a slow reader pushes back on the server instead of filling memory.
 */
public final class WebSocketClientConnection {
  private static final Logger log = LoggerFactory.getLogger(WebSocketClientConnection.class);

  private final IOLoop loop;
  private final String url;
  private final String subprotocol;
  private final Consumer<WebSocketMessage> callback;
  private final CompletableFuture<Void> closed = new CompletableFuture<>();
  private WebSocketProtocol protocol;

  /** A message nobody has read yet, and the future that lets the socket read on once it is taken. */
  private WebSocketMessage unread;
  private CompletableFuture<Void> unreadTaken;
  /** Readers waiting for the next message, oldest first. */
  private final ArrayDeque<CompletableFuture<WebSocketMessage>> readers = new ArrayDeque<>(1);

  WebSocketClientConnection(IOLoop loop, String url, String subprotocol, Consumer<WebSocketMessage> callback) {
    this.loop = loop;
    this.url = url;
    this.subprotocol = subprotocol;
    this.callback = callback;
  }

  /** Called once by the handshake, before the connection is handed to the caller. */
  void attach(WebSocketProtocol protocol) {
    this.protocol = protocol;
  }

  /** The protocol's view of this connection. */
  WebSocketProtocol.Events events() {
    return new Events();
  }

  // ---- Reading ---------------------------------------------------------------------------------

  /**
   * The next message: a future that completes with it (at once if one is waiting), or with null
   * once the socket has closed. Not for a connection made with an {@code onMessage} callback.
   */
  public CompletableFuture<WebSocketMessage> readMessage() {
    if (callback != null) {
      throw new IllegalStateException(
          "[WebSocketReadWithCallback] this connection hands its messages to its onMessage"
              + " callback; readMessage() would never complete");
    }
    return protocol.onLoop(() -> {
      if (unread != null) {
        WebSocketMessage m = unread;
        CompletableFuture<Void> taken = unreadTaken;
        unread = null;
        unreadTaken = null;
        taken.complete(null);
        return CompletableFuture.completedFuture(m);
      }
      if (closed.isDone()) {
        return CompletableFuture.completedFuture(null);
      }
      CompletableFuture<WebSocketMessage> reader = new CompletableFuture<>();
      readers.add(reader);
      return reader;
    });
  }

  private CompletionStage<?> received(WebSocketMessage message) {
    if (callback != null) {
      callback.accept(message);
      return null;
    }
    CompletableFuture<WebSocketMessage> reader = readers.poll();
    if (reader != null) {
      reader.complete(message);
      return null;
    }
    unread = message;
    unreadTaken = new CompletableFuture<>();
    return unreadTaken;
  }

  // ---- Writing ---------------------------------------------------------------------------------

  /**
   * Sends a text message; the future completes when the frame is written, and fails with {@link
   * WebSocketClosedError} once the socket is closing.
   */
  public CompletableFuture<Void> writeMessage(String message) {
    return protocol.writeText(message);
  }

  /** Sends a binary message; as {@link #writeMessage(String)}. */
  public CompletableFuture<Void> writeMessage(byte[] message) {
    return protocol.writeBinary(message);
  }

  /** Sends a ping with {@code data} (at most 125 bytes). */
  public CompletableFuture<Void> ping(byte[] data) {
    return protocol.ping(data);
  }

  /** Closes with 1000 and no reason. */
  public void close() {
    close(WebSocketHandler.NORMAL_CLOSURE, null);
  }

  /**
   * Starts the closing handshake with {@code code} and {@code reason}; {@link #closeFuture()}
   * completes once the server has closed the connection (or after a few seconds without an answer).
   */
  public void close(int code, String reason) {
    protocol.close(code, reason);
  }

  // ---- State -----------------------------------------------------------------------------------

  /** Completes when the connection has closed, however it ended. */
  public CompletableFuture<Void> closeFuture() {
    return closed.copy();
  }

  /** The close code the server sent, or null. */
  public Integer closeCode() {
    return protocol.closeCode();
  }

  /** The close reason the server sent, or null. */
  public String closeReason() {
    return protocol.closeReason();
  }

  /** The subprotocol the server chose, or null. */
  public String selectedSubprotocol() {
    return subprotocol;
  }

  /** The loop this connection lives on. */
  public IOLoop ioLoop() {
    return loop;
  }

  @Override
  public String toString() {
    return "WebSocketClientConnection(" + url + ")";
  }

  /** The protocol's events, on the loop. */
  private final class Events implements WebSocketProtocol.Events {
    @Override
    public boolean acceptsText() {
      return true;
    }

    @Override
    public boolean acceptsBinary() {
      return true;
    }

    @Override
    public CompletionStage<?> onText(String message) {
      return received(WebSocketMessage.text(message));
    }

    @Override
    public CompletionStage<?> onBinary(byte[] message) {
      return received(WebSocketMessage.binary(message));
    }

    @Override
    public void onPing(byte[] data) {}

    @Override
    public void onPong(byte[] data) {}

    @Override
    public void onClose() {
      CompletableFuture<WebSocketMessage> reader;
      while ((reader = readers.poll()) != null) {
        reader.complete(null);
      }
      if (callback != null) {
        try {
          callback.accept(null);
        } catch (Throwable t) {
          log.error("Exception in the onMessage callback of {}", url, t);
        }
      }
      closed.complete(null);
    }

    @Override
    public String describe() {
      return "WebSocket client " + url;
    }
  }
}
