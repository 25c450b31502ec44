package dev.cyclone.example;

import dev.cyclone.web.RequestHandler;

/**
 * What the notes pages share: the current user is the name in the signed {@code user} cookie
 * (Tornado's {@code get_current_user} reading {@code get_secure_cookie("user")}).
 */
public abstract class LoggedInHandler extends RequestHandler {
  /** The cookie that says who is logged in, signed with the application's cookie secret. */
  static final String COOKIE = "user";

  @Override
  protected Object getCurrentUser() {
    return getSignedCookie(COOKIE);
  }
}
