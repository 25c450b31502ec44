package dev.cyclone.example;

/** {@code POST /logout}: forgets the login (the form carries its {@code _xsrf} token). */
public class LogoutHandler extends LoggedInHandler {
  /** Called on the request's loop. */
  public void post() {
    clearCookie(COOKIE);
    redirect("/login", 303);
  }
}
