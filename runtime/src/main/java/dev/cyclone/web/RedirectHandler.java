package dev.cyclone.web;

import java.text.MessageFormat;
import java.util.Map;

/**
 * Redirects every GET to another URL (Tornado's {@code RedirectHandler}). The target may use the
 * route's path arguments as {@code {0}}, {@code {1}}, ...; the query string is carried over.
 *
 * <pre>{@code
 * url("/old/(.*)", RedirectHandler.class, Map.of("url", "/new/{0}"))
 * url("/temporary", RedirectHandler.class, Map.of("url", "/elsewhere", "permanent", false))
 * }</pre>
 */
public class RedirectHandler extends RequestHandler {
  private String url;
  private boolean permanent = true;

  /** Takes {@code url} (required) and {@code permanent} (Boolean, default true: 301). */
  @Override
  protected void initialize(Map<String, Object> args) {
    Object target = args.get("url");
    if (target == null) {
      throw new IllegalStateException("[RedirectHandlerUrl] RedirectHandler needs a \"url\" init argument");
    }
    url = target.toString();
    Object p = args.get("permanent");
    if (p != null) {
      permanent = (Boolean) p;
    }
  }

  /** Redirects, with the path arguments put into the target. */
  public void get(String... args) {
    String target = args.length == 0 ? url : MessageFormat.format(url.replace("'", "''"), (Object[]) args);
    String query = request().query();
    if (!query.isEmpty()) {
      target += (target.contains("?") ? "&" : "?") + query;
    }
    redirect(target, permanent);
  }
}
