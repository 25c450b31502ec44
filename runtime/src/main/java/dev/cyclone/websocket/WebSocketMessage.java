package dev.cyclone.websocket;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One whole WebSocket message, as a client reads it: text (a text frame and its continuations) or
 * binary. Immutable.
 */
public final class WebSocketMessage {
  private final String text;
  private final byte[] data;

  private WebSocketMessage(String text, byte[] data) {
    this.text = text;
    this.data = data;
  }

  /** A text message. */
  public static WebSocketMessage text(String text) {
    return new WebSocketMessage(Objects.requireNonNull(text, "text"), null);
  }

  /** A binary message; the array is not copied, so do not change it afterwards. */
  public static WebSocketMessage binary(byte[] data) {
    return new WebSocketMessage(null, Objects.requireNonNull(data, "data"));
  }

  /** True for a text message, false for a binary one. */
  public boolean isText() {
    return text != null;
  }

  /** The text of a text message; a binary message's bytes decoded as UTF-8. */
  public String text() {
    return text != null ? text : new String(data, StandardCharsets.UTF_8);
  }

  /** The bytes of a binary message; a text message's UTF-8 encoding. */
  public byte[] data() {
    return data != null ? data : text.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WebSocketMessage m
        && Objects.equals(text, m.text)
        && Arrays.equals(data, m.data);
  }

  @Override
  public int hashCode() {
    return text != null ? text.hashCode() : Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return isText() ? "text(" + text.length() + " chars)" : "binary(" + data.length + " bytes)";
  }
}
