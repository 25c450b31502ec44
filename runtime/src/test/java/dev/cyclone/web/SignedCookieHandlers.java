package dev.cyclone.web;

import static dev.cyclone.web.URLSpec.url;

import java.net.http.HttpResponse;
import java.util.List;

/** Handlers that write and read the signed cookie {@code user}, for the signed-cookie tests. */
final class SignedCookieHandlers {
  private SignedCookieHandlers() {}

  /** GET /set?name=N sets the signed cookie user=N. */
  public static class SetUser extends RequestHandler {
    public void get() {
      setSignedCookie("user", getArgument("name"));
      write("set");
    }
  }

  /** GET /whoami answers the signed cookie user, or "nobody". */
  public static class WhoAmI extends RequestHandler {
    public void get() {
      String user = getSignedCookie("user");
      write(user == null ? "nobody" : "user " + user);
    }
  }

  static Application app(AppSettings settings) {
    return new Application(List.of(url("/set", SetUser.class), url("/whoami", WhoAmI.class)), settings);
  }

  /** The value of the cookie {@code name} in the response's Set-Cookie headers. */
  static String setCookieValue(HttpResponse<?> response, String name) {
    for (String header : response.headers().allValues("Set-Cookie")) {
      if (header.startsWith(name + "=")) {
        int end = header.indexOf(';');
        return header.substring(name.length() + 1, end < 0 ? header.length() : end);
      }
    }
    throw new AssertionError("no Set-Cookie for " + name + " in " + response.headers().map());
  }
}
