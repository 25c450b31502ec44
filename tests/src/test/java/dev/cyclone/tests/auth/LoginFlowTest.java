package dev.cyclone.tests.auth;

import static dev.cyclone.concurrent.Coroutines.await;
import static dev.cyclone.web.URLSpec.url;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cyclone.annotations.Authenticated;
import dev.cyclone.annotations.Coroutine;
import dev.cyclone.gen.Gen;
import dev.cyclone.testing.AsyncHTTPTestCase;
import dev.cyclone.web.AppSettings;
import dev.cyclone.web.Application;
import dev.cyclone.web.CookieOptions;
import dev.cyclone.web.HandlerDispatchers;
import dev.cyclone.web.RequestHandler;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A whole login with curl and a cookie jar, against handlers compiled with the processor (their
 * {@code @Authenticated} checked by the generated dispatcher): the protected page redirects to the
 * login with {@code next}, the login form posts with its {@code _xsrf} token and sets a signed
 * cookie, the page then greets the user; a tampered cookie is nobody, a missing or wrong token is
 * 403 on a connection that keeps serving, and logout clears the cookie.
 */
class LoginFlowTest extends AsyncHTTPTestCase {
  /** Reads the user from the signed cookie, as most applications do. */
  public abstract static class BaseHandler extends RequestHandler {
    @Override
    protected Object getCurrentUser() {
      return getSignedCookie("user");
    }
  }

  public static class LoginHandler extends BaseHandler {
    public void get() {
      write("<form method=post action=/login>" + xsrfFormHtml()
          + "<input name=next value=\"" + getArgument("next", "/") + "\"><input name=name></form>");
    }

    public void post() {
      setSignedCookie("user", getArgument("name"), CookieOptions.defaults().expiresDays(14).httpOnly(true));
      redirect(getArgument("next", "/"));
    }
  }

  public static class LogoutHandler extends BaseHandler {
    public void post() {
      clearCookie("user");
      write("bye");
    }
  }

  public static class PrivateHandler extends BaseHandler {
    @Authenticated
    public void get() {
      write("Hello, " + currentUser());
    }

    @Authenticated
    public void post() {
      write("Posted by " + currentUser());
    }
  }

  /** Looks the user up asynchronously in a coroutine prepare(), as Tornado allows. */
  public static class AsyncUserHandler extends RequestHandler {
    @Override
    @Coroutine
    public void prepare() {
      String name = getSignedCookie("user");
      Map<String, String> profile = await(Gen.sleep(Duration.ofMillis(5)).thenApply(v -> Map.of("name", String.valueOf(name))));
      setCurrentUser(name == null ? null : profile);
    }

    @Authenticated
    @Coroutine
    public CompletableFuture<Void> get() {
      await(Gen.sleep(Duration.ofMillis(1)));
      write("Profile of " + currentUser(Map.class).get("name"));
      return CompletableFuture.completedFuture(null);
    }
  }

  private Path jar;
  private Curl curl;

  @BeforeEach
  void newBrowser() throws Exception {
    jar = Files.createTempFile("cyclone-cookies-", ".txt");
    curl = new Curl(jar);
  }

  @AfterEach
  void closeBrowser() throws Exception {
    Files.deleteIfExists(jar);
  }

  @Override
  protected Application getApp() {
    return new Application(List.of(
        url("/login", LoginHandler.class),
        url("/logout", LogoutHandler.class),
        url("/private", PrivateHandler.class),
        url("/profile", AsyncUserHandler.class)),
        AppSettings.builder().cookieSecret("tq1B0X8pPz5wS9cUuGf3rYk2Jm7eLhNd").xsrfCookies(true).loginUrl("/login").build());
  }

  /** Status code, then a space, then the Location header (empty when none), then the body. */
  private String get(String path) throws Exception {
    return curl.run("-o", "/dev/stdout", "-w", "\n%{http_code} %{redirect_url}", getUrl(path));
  }

  private void logIn(String name) throws Exception {
    curl.run("-o", "/dev/null", getUrl("/login"));
    String token = curl.cookie("_xsrf");
    String posted = curl.run("-o", "/dev/null", "-w", "%{http_code} %header{location}",
        "--data-urlencode", "name=" + name, "--data-urlencode", "_xsrf=" + token,
        "--data-urlencode", "next=/private", getUrl("/login"));
    assertEquals("302 /private", posted);
  }

  @Test
  void theProcessorGeneratedTheDispatchers() {
    for (Class<?> handler : List.of(PrivateHandler.class, AsyncUserHandler.class)) {
      assertTrue(HandlerDispatchers.forClass(handler.asSubclass(RequestHandler.class)).getClass()
          .getSimpleName().endsWith("_Dispatcher"), handler.getName());
    }
  }

  @Test
  void aWholeLoginWithCurl() throws Exception {
    // 1. not logged in: redirected to the login page, with where to come back to
    String first = curl.run("-o", "/dev/null", "-w", "%{http_code} %header{location}", getUrl("/private?tab=2"));
    assertEquals("302 /login?next=%2Fprivate%3Ftab%3D2", first);
    // 2. the login page sets the _xsrf cookie and puts the token in its form
    String form = curl.run(getUrl("/login?next=/private"));
    String token = curl.cookie("_xsrf");
    assertNotNull(token, "the login page sets _xsrf");
    assertTrue(form.contains("name=\"_xsrf\" value=\"" + token + "\""), form);
    // 3. posting the form with the token logs in: a signed, HttpOnly cookie
    String posted = curl.run("-i", "--data-urlencode", "name=alice", "--data-urlencode", "_xsrf=" + token,
        "--data-urlencode", "next=/private", getUrl("/login"));
    assertTrue(posted.startsWith("HTTP/1.1 302"), posted);
    assertTrue(posted.contains("Location: /private"), posted);
    assertTrue(posted.matches("(?s).*Set-Cookie: user=2\\|1:0\\|10:\\d{10}\\|4:user\\|8:YWxpY2U=\\|[0-9a-f]{64}; Max-Age=1209600; Expires=[^;]+; Path=/; HTTPOnly.*"), posted);
    // 4. the protected page now greets the user
    assertEquals("Hello, alice\n200 ", get("/private"));
    assertEquals("Profile of alice", curl.run(getUrl("/profile")));
    // 5. logout (a POST, so it carries the token) clears the cookie
    assertEquals("bye", curl.run("-X", "POST", "-H", "X-XSRFToken: " + token, getUrl("/logout")));
    assertNull(curl.cookie("user"));
    assertEquals("302 /login?next=%2Fprivate", curl.run("-o", "/dev/null", "-w", "%{http_code} %header{location}", getUrl("/private")));
  }

  @Test
  void aTamperedCookieIsLoggedOut() throws Exception {
    logIn("alice");
    String signed = curl.cookie("user");
    curl.setCookie("user", signed.replace("8:YWxpY2U=", "8:bWFsbG9y")); // "mallor"
    assertEquals("302 /login?next=%2Fprivate",
        curl.run("-o", "/dev/null", "-w", "%{http_code} %header{location}", getUrl("/private")));
    assertEquals("302 /login?next=%2Fprofile",
        curl.run("-o", "/dev/null", "-w", "%{http_code} %header{location}", getUrl("/profile")));
    curl.setCookie("user", signed);
    assertEquals("Hello, alice\n200 ", get("/private"), "the genuine cookie still works");
  }

  @Test
  void aPostWithoutLoginIs403() throws Exception {
    curl.run("-o", "/dev/null", getUrl("/login"));
    String token = curl.cookie("_xsrf");
    assertEquals("403", curl.run("-o", "/dev/null", "-w", "%{http_code}", "-d", "_xsrf=" + token, getUrl("/private")));
  }

  @Test
  void aMissingOrWrongTokenIs403AndTheConnectionKeepsServing() throws Exception {
    logIn("alice");
    String token = curl.cookie("_xsrf");
    String wrong = "2|00000000|" + "0".repeat(32) + "|1";
    // three requests in one curl run, on one connection: no token, a wrong one, the right one
    String w = "%{http_code} %{num_connects}\n";
    String out = curl.run(
        "-o", "/dev/null", "-w", w, "-d", "x=1", getUrl("/private"),
        "--next", "-b", jar.toString(), "-o", "/dev/null", "-w", w, "-d", "_xsrf=" + wrong, getUrl("/private"),
        "--next", "-b", jar.toString(), "-w", "\n" + w, "-d", "_xsrf=" + URLEncoder.encode(token, StandardCharsets.UTF_8),
        getUrl("/private"));
    assertEquals("403 1\n403 0\nPosted by alice\n200 0\n", out, "0 connects: the same connection was reused");
  }

  @Test
  void theAnnotationIsKeptForTheReflectiveFallback() throws Exception {
    assertSame(Authenticated.class, PrivateHandler.class.getMethod("get").getAnnotation(Authenticated.class).annotationType());
  }
}
