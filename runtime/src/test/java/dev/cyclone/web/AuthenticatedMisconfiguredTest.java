package dev.cyclone.web;

import static dev.cyclone.web.URLSpec.url;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cyclone.annotations.Authenticated;
import dev.cyclone.testing.AsyncHTTPTestCase;
import dev.cyclone.testing.ExpectLog;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Misconfigurations fail the request with 500 and a log line that names the setting to fix: an
 * {@code @Authenticated} verb without {@code AppSettings.loginUrl}, a signed cookie without {@code
 * AppSettings.cookieSecret}. The server keeps serving.
 */
class AuthenticatedMisconfiguredTest extends AsyncHTTPTestCase {
  public static class Protected extends RequestHandler {
    @Authenticated
    public void get() {
      write("never");
    }
  }

  public static class Signing extends RequestHandler {
    public void get() {
      setSignedCookie("user", "alice");
    }
  }

  public static class Plain extends RequestHandler {
    public void get() {
      write("still serving");
    }
  }

  @Override
  protected Application getApp() {
    return new Application(List.of(url("/protected", Protected.class), url("/sign", Signing.class),
        url("/plain", Plain.class)));
  }

  @Test
  void noLoginUrlIs500NamingTheSetting() {
    try (ExpectLog log = ExpectLog.of("dev.cyclone.web", "Uncaught exception GET /protected")) {
      assertEquals(500, fetch("/protected").statusCode());
      assertEquals(1, log.lines().stream().filter(l -> l.contains("[LoginUrl]")
          && l.contains("AppSettings.builder().loginUrl(")).count(), String.join("\n", log.lines()));
    }
    assertEquals("still serving", fetch("/plain").body());
  }

  @Test
  void noCookieSecretIs500NamingTheSetting() {
    try (ExpectLog log = ExpectLog.of("dev.cyclone.web", "Uncaught exception GET /sign")) {
      assertEquals(500, fetch("/sign").statusCode());
      assertEquals(1, log.lines().stream().filter(l -> l.contains("[CookieSecret]")
          && l.contains("AppSettings.builder().cookieSecret(")).count(), String.join("\n", log.lines()));
    }
  }
}
