package dev.cyclone.web;

import dev.cyclone.httpserver.HTTPServerRequest;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The check of {@code @Authenticated} (Tornado's {@code tornado.web.authenticated}), run before the
 * verb: the processor's generated dispatchers call {@link #admit} for each verb marked with it, and
 * the reflective fallback does the same, so that the check never depends on reflection at request
 * time nor on how the handler was compiled.
 */
public final class LoginGuard {
  private LoginGuard() {}

  /**
   * Whether the verb may run: true when {@code handler.currentUser()} is not null. Otherwise a GET
   * or HEAD is redirected to the login URL (see {@link #loginRedirect}) and this returns false, the
   * request being answered; any other method fails with a 403 {@link HTTPError}; and a handler
   * without a login URL fails with an {@link IllegalStateException} naming {@code
   * AppSettings.loginUrl} (answered 500). Called by dispatchers on the request's loop, after
   * {@code prepare()}.
   */
  public static boolean admit(RequestHandler handler) {
    if (handler.currentUser() != null) {
      return true;
    }
    HTTPServerRequest request = handler.request();
    String method = request.method();
    if (!method.equals("GET") && !method.equals("HEAD")) {
      throw new HTTPError(403);
    }
    String loginUrl = handler.getLoginUrl();
    if (loginUrl == null || loginUrl.isEmpty()) {
      throw missingLoginUrl(handler);
    }
    handler.redirect(loginRedirect(loginUrl, request));
    return false;
  }

  /**
   * Where a visitor who is not logged in is sent: {@code loginUrl} with {@code next=} the request's
   * URI (form-encoded) appended after {@code ?}, or after {@code &} when the login URL has a query
   * already (Tornado adds nothing then); for an absolute login URL (with a scheme), {@code next} is
   * the full URL, so the login site can send the visitor back.
   */
  static String loginRedirect(String loginUrl, HTTPServerRequest request) {
    boolean absolute;
    try {
      absolute = URI.create(loginUrl).getScheme() != null;
    } catch (IllegalArgumentException e) {
      absolute = false;
    }
    String next = absolute ? request.fullUrl() : request.uri();
    char separator = loginUrl.indexOf('?') < 0 ? '?' : '&';
    return loginUrl + separator + "next=" + URLEncoder.encode(next, StandardCharsets.UTF_8);
  }

  static IllegalStateException missingLoginUrl(RequestHandler handler) {
    return new IllegalStateException("[LoginUrl] " + handler.getClass().getName()
        + " has an @Authenticated verb but no login URL to send visitors to: set"
        + " AppSettings.builder().loginUrl(\"/login\"), or override getLoginUrl()");
  }
}
