package dev.cyclone.example;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cyclone.web.MissingArgumentError;
import dev.cyclone.web.RequestHandler;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;

/**
 * The base of the example's JSON handlers: errors are answered as {@code {"error": "..."}} (the
 * override of Tornado's {@code write_error} hook), and {@link #checkHttpUrl} validates the URLs
 * they fetch.
 *
 * <p>Members used from {@code @Coroutine} bodies are {@code protected}, never {@code private}: the
 * compiled body runs in the generated subclass.
 */
public abstract class ApiHandler extends RequestHandler {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Called by {@code sendError} on the request's loop: the error as JSON. */
  @Override
  protected void writeError(int status, Throwable exc) {
    String message;
    if (exc instanceof ApiError) {
      message = ((ApiError) exc).logMessage();
    } else if (exc instanceof MissingArgumentError) {
      message = "missing argument " + ((MissingArgumentError) exc).argName();
    } else {
      message = "HTTP " + status; // an unexpected exception: its details stay in the log
    }
    write(Map.of("error", message));
  }

  /**
   * Writes {@code items} as a JSON list. ({@code write(Map)} and {@code write(Record)} write
   * objects; Tornado, too, refuses to write a bare list, so this is done by hand.)
   */
  protected final void writeJsonList(List<?> items) {
    try {
      setHeader("Content-Type", "application/json; charset=UTF-8");
      write(JSON.writeValueAsBytes(items));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write the list as JSON", e);
    }
  }

  /**
   * Returns {@code url} if it is an absolute http or https URL with a host; otherwise throws an
   * {@link ApiError} 400 (so a missing {@code url} argument, passed as null, is a 400 too).
   */
  protected static String checkHttpUrl(String url) {
    if (url == null || url.isEmpty()) {
      throw new ApiError(400, "missing argument url");
    }
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        return url;
      }
    } catch (URISyntaxException e) {
      // answered below
    }
    throw new ApiError(400, "url must be an absolute http or https URL, got " + url);
  }
}
