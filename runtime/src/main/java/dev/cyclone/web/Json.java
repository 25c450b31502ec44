package dev.cyclone.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;

/**
 * JSON for {@link RequestHandler#write(java.util.Map)} and {@code write(Record)}: Jackson, with
 * {@code </} written as {@code <\/} so that JSON embedded in an HTML page cannot close its script
 * tag (as Tornado's {@code json_encode}).
 */
final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  static byte[] encode(Object value) {
    try {
      return MAPPER.writeValueAsString(value).replace("</", "<\\/").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "[WriteJson] cannot write " + value.getClass().getName() + " as JSON: " + e.getOriginalMessage(), e);
    }
  }
}
