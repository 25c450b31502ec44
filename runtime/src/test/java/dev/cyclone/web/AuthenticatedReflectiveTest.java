package dev.cyclone.web;

import static dev.cyclone.web.URLSpec.url;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cyclone.annotations.Authenticated;
import dev.cyclone.testing.AsyncHTTPTestCase;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@code @Authenticated} on handlers served by the reflective fallback (this module is compiled
 * without the processor), and the current user: redirects to the login URL with {@code next},
 * 403 for other methods, {@code getCurrentUser()} asked once, {@code setCurrentUser} from prepare.
 */
class AuthenticatedReflectiveTest extends AsyncHTTPTestCase {
  static final String SECRET = "9d8Qm0sVbWm1bqkq4yYc1uTqJm6t3ZPp";
  static final AtomicInteger lookups = new AtomicInteger();

  public static class AccountHandler extends RequestHandler {
    private String loginUrl;

    @Override
    protected void initialize(Map<String, Object> args) {
      loginUrl = (String) args.get("login");
    }

    @Override
    protected Object getCurrentUser() {
      lookups.incrementAndGet();
      return getSignedCookie("user");
    }

    @Override
    protected String getLoginUrl() {
      return loginUrl != null ? loginUrl : super.getLoginUrl();
    }

    @Authenticated
    public void get() {
      write("account of " + currentUser(String.class) + " " + currentUser());
    }

    @Authenticated
    public void post() {
      write("posted by " + currentUser());
    }

    public void put() {
      write("anyone may put; user " + currentUser());
    }
  }

  /** Sets the user from prepare(), as an asynchronous lookup would. */
  public static class PreparedUserHandler extends RequestHandler {
    @Override
    protected void prepare() {
      setCurrentUser(new StringBuilder("from prepare"));
    }

    @Override
    protected Object getCurrentUser() {
      throw new AssertionError("getCurrentUser() must not be asked when prepare() set the user");
    }

    @Authenticated
    public void get() {
      write(currentUser(CharSequence.class).toString());
    }
  }

  @Override
  protected Application getApp() {
    lookups.set(0);
    return new Application(List.of(
        url("/account", AccountHandler.class),
        url("/query-login", AccountHandler.class, Map.of("login", "/login?lang=en")),
        url("/sso", AccountHandler.class, Map.of("login", "https://sso.example/login")),
        url("/prepared", PreparedUserHandler.class)),
        AppSettings.builder().cookieSecret(SECRET).loginUrl("/login").build());
  }

  private String userCookie(String user) {
    return "user=" + app().settings().signedValues().create("user", user);
  }

  @Test
  void aVisitorIsRedirectedToTheLoginWithNext() {
    HttpResponse<String> r = fetch("/account?tab=1&x=a%20b");
    assertEquals(302, r.statusCode());
    assertEquals("/login?next=%2Faccount%3Ftab%3D1%26x%3Da%2520b", r.headers().firstValue("Location").orElseThrow());
    HttpResponse<String> head = fetch(request("/account").method("HEAD", HttpRequest.BodyPublishers.noBody()));
    assertEquals(302, head.statusCode());
    assertEquals("/login?next=%2Faccount", head.headers().firstValue("Location").orElseThrow());
  }

  @Test
  void aLoginUrlWithAQueryGetsNextAfterAnAmpersand() {
    HttpResponse<String> r = fetch("/query-login");
    assertEquals("/login?lang=en&next=%2Fquery-login", r.headers().firstValue("Location").orElseThrow());
  }

  @Test
  void anAbsoluteLoginUrlGetsTheFullUrlAsNext() {
    HttpResponse<String> r = fetch("/sso?a=1");
    assertEquals("https://sso.example/login?next="
        + java.net.URLEncoder.encode("http://127.0.0.1:" + getHttpPort() + "/sso?a=1", java.nio.charset.StandardCharsets.UTF_8),
        r.headers().firstValue("Location").orElseThrow());
  }

  @Test
  void otherMethodsAreForbidden() {
    assertEquals(403, fetch("/account", "POST", "x").statusCode());
    assertEquals("anyone may put; user null", fetch("/account", "PUT", "x").body(), "put is not @Authenticated");
  }

  @Test
  void aLoggedInUserIsServedAndLookedUpOnce() {
    HttpResponse<String> r = fetch(request("/account").header("Cookie", userCookie("alice")).GET());
    assertEquals(200, r.statusCode());
    assertEquals("account of alice alice", r.body());
    assertEquals(1, lookups.get(), "getCurrentUser() is asked once per request, however often currentUser() is");
    assertEquals("posted by alice",
        fetch(request("/account").header("Cookie", userCookie("alice")).POST(HttpRequest.BodyPublishers.noBody())).body());
  }

  @Test
  void aTamperedCookieIsNobody() {
    String forged = userCookie("alice").replace("8:YWxpY2U=", "8:bWFsbG9y");
    assertEquals(302, fetch(request("/account").header("Cookie", forged).GET()).statusCode());
  }

  @Test
  void prepareMaySetTheUser() {
    assertEquals("from prepare", fetch("/prepared").body());
  }

  @Test
  void theWrongUserTypeSaysWhatItIs() {
    RequestHandler h = new PreparedUserHandler();
    h.setCurrentUser(new StringBuilder("bob"));
    ClassCastException e = assertThrows(ClassCastException.class, () -> h.currentUser(Integer.class));
    assertEquals("[CurrentUserType] the current user is a java.lang.StringBuilder, not a java.lang.Integer;"
        + " see getCurrentUser() and setCurrentUser()", e.getMessage());
    h.setCurrentUser(null);
    assertNull(h.currentUser(Integer.class), "nobody is null whatever the type");
  }
}
