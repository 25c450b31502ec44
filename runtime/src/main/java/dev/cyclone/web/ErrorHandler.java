package dev.cyclone.web;

import java.util.Map;

/**
 * Answers every request with one error status (Tornado's {@code ErrorHandler}); the {@link
 * Application} uses it for unmatched paths (404).
 *
 * <pre>{@code url("/gone", ErrorHandler.class, Map.of("status", 410))}</pre>
 */
public class ErrorHandler extends RequestHandler {
  private int status = 404;

  /** Takes {@code status} (an Integer, default 404) from the route. */
  @Override
  protected void initialize(Map<String, Object> args) {
    Object s = args.get("status");
    if (s != null) {
      status = ((Number) s).intValue();
    }
  }

  /**
   * No XSRF check: a POST to an unknown path answers its 404, not a 403 (as Tornado's
   * ErrorHandler). Called before {@link #prepare()} when {@code AppSettings.xsrfCookies} is on.
   */
  @Override
  protected void checkXsrfCookie() {}

  /** Answers the error before any verb method would run. */
  @Override
  protected void prepare() {
    throw new HTTPError(status);
  }
}
