package dev.cyclone.example;

import dev.cyclone.web.HTTPError;

/**
 * An {@link HTTPError} whose message is meant for the client: {@link ApiHandler} answers it as
 * {@code {"error": message}}. (A plain {@code HTTPError}'s message goes to the log only.)
 */
public final class ApiError extends HTTPError {
  private static final long serialVersionUID = 1L;

  /** Answers {@code status} with {@code {"error": message}}. */
  public ApiError(int status, String message) {
    super(status, message);
  }
}
