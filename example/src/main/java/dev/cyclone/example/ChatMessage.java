package dev.cyclone.example;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One message of the chat room, as it travels: to members, into the history, through Redis.
 *
 * @param id unique, so a page can tell messages apart
 * @param name who sent it (as they typed it: pages escape it when they show it)
 * @param text what they said
 * @param time when the server took it, in milliseconds since the epoch
 */
public record ChatMessage(String id, String name, String text, long time) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The message as JSON: {@code {"id":..,"name":..,"text":..,"time":..}}. */
  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a record of strings and a long always serializes", e);
    }
  }

  /** The message {@link #toJson()} wrote. */
  public static ChatMessage fromJson(String json) {
    try {
      return JSON.readValue(json, ChatMessage.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("[ChatMessage] not a chat message: " + json, e);
    }
  }
}
