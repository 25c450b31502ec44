package dev.cyclone.example;

import java.util.HashMap;
import java.util.Map;

/**
 * {@code /login}: the form (GET) and the check of its name and password (POST). A good pair sets
 * the signed {@code user} cookie and sends the browser on to {@code next}, the page that asked for
 * a login; a bad one shows the form again. The POST carries the form's {@code _xsrf} token, which
 * the application checks before this handler runs.
 */
public class LoginHandler extends LoggedInHandler {
  /** The demo's accounts, name → password: a real application asks its user store. */
  static final Map<String, String> ACCOUNTS = Map.of("alice", "wonderland", "bob", "builder");

  /** Called on the request's loop: the login form. */
  public void get() {
    page(null);
  }

  /** Called on the request's loop: logs in, or shows the form again with why not. */
  public void post() {
    String name = getBodyArgument("name", "");
    String password = getBodyArgument("password", "");
    if (!password.equals(ACCOUNTS.get(name))) {
      setStatus(403);
      page("Unknown name or wrong password.");
      return;
    }
    setSignedCookie(COOKIE, name);
    redirect(safeNext());
  }

  private void page(String error) {
    Map<String, Object> params = new HashMap<>();
    params.put("next", safeNext());
    params.put("error", error);
    render("login.jte", params);
  }

  /** Where to go after logging in: a path on this site only, never another site's URL. */
  private String safeNext() {
    String next = getArgument("next", "/notes");
    return next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") ? next : "/notes";
  }
}
