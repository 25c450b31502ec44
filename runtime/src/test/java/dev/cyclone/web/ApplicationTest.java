package dev.cyclone.web;

import static dev.cyclone.web.URLSpec.url;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cyclone.testing.AsyncHTTPTestCase;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Routing: patterns, path arguments, 404, 405 with Allow, default handler, reverseUrl. */
class ApplicationTest extends AsyncHTTPTestCase {

  public static class MainHandler extends RequestHandler {
    public void get() {
      write("main");
    }
  }

  public static class StoryHandler extends RequestHandler {
    public void get(String storyId) {
      write("story " + storyId);
    }

    public void delete(String storyId) {
      write("deleted " + storyId);
    }
  }

  public static class TwoArgsHandler extends RequestHandler {
    public void get(String a, String b) {
      write(a + "|" + b);
    }
  }

  public static class NamedGroupsHandler extends RequestHandler {
    public void get(String... args) {
      write(String.join("|", args) + " " + pathArguments().named());
    }
  }

  public static class InitArgsHandler extends RequestHandler {
    private Object greeting;

    @Override
    protected void initialize(Map<String, Object> args) {
      greeting = args.get("greeting");
    }

    public void get() {
      write(String.valueOf(greeting));
    }
  }

  public static class PostOnlyHandler extends RequestHandler {
    public void post() {
      write("posted");
    }
  }

  public static class ReverseHandler extends RequestHandler {
    public void get() {
      write(reverseUrl("story", 42) + " " + reverseUrl("pair", "a b", "c/d"));
    }
  }

  @Override
  protected Application getApp() {
    return new Application(
        List.of(
            url("/", MainHandler.class),
            url("/story/([0-9]+)", StoryHandler.class).named("story"),
            url("/pair/([^/]+)/(.+)", TwoArgsHandler.class).named("pair"),
            url("/named/(?<year>[0-9]{4})/(?<slug>[a-z]+)", NamedGroupsHandler.class),
            url("/init", InitArgsHandler.class, Map.of("greeting", "hi")),
            url("/post-only", PostOnlyHandler.class),
            url("/reverse", ReverseHandler.class)));
  }

  @Test
  void routesByPatternAndPassesGroupsAsArguments() {
    assertEquals("main", fetch("/").body());
    assertEquals("story 17", fetch("/story/17").body());
    assertEquals("x y|z", fetch("/pair/x%20y/z").body(), "groups are URL-decoded");
    assertEquals("a+b|c", fetch("/pair/a+b/c").body(), "a plus in a path is a plus");
  }

  @Test
  void namedGroupsArePassedByName() {
    assertEquals("2024|hello {year=2024, slug=hello}", fetch("/named/2024/hello").body());
  }

  @Test
  void patternMustMatchTheWholePath() {
    assertEquals(404, fetch("/story/17/more").statusCode());
    assertEquals(404, fetch("/story/abc").statusCode());
  }

  @Test
  void initArgsReachInitialize() {
    assertEquals("hi", fetch("/init").body());
  }

  @Test
  void unknownPathIsA404WithASmallHtmlPage() {
    HttpResponse<String> r = fetch("/nowhere");
    assertEquals(404, r.statusCode());
    assertEquals("<html><title>404: Not Found</title><body>404: Not Found</body></html>", r.body());
    assertEquals(404, fetch("/nowhere", "POST", "x").statusCode(), "any method gets the 404");
  }

  @Test
  void unimplementedVerbIs405WithAllow() {
    HttpResponse<String> r = fetch("/post-only");
    assertEquals(405, r.statusCode());
    assertEquals("POST", r.headers().firstValue("Allow").orElse(null));
    HttpResponse<String> put = fetch("/story/1", "PUT", "x");
    assertEquals(405, put.statusCode());
    assertEquals("GET, HEAD, DELETE", put.headers().firstValue("Allow").orElse(null));
    assertEquals("deleted 1", fetch("/story/1", "DELETE", null).body());
  }

  @Test
  void unknownMethodIs405() {
    HttpResponse<String> r = fetch("/", "FOO", null);
    assertEquals(405, r.statusCode());
    assertEquals("GET, HEAD", r.headers().firstValue("Allow").orElse(null));
  }

  @Test
  void reverseUrlFillsTheGroups() {
    assertEquals("/story/42 /pair/a%20b/c/d", fetch("/reverse").body());
    assertEquals("/story/7", app().reverseUrl("story", 7));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> app().reverseUrl("nope"));
    assertTrue(e.getMessage().startsWith("[ReverseUrl]"));
  }

  @Test
  void defaultHandlerServesUnmatchedPaths() {
    Application app =
        new Application(
            List.of(url("/", MainHandler.class)),
            AppSettings.builder().defaultHandler(InitArgsHandler.class, Map.of("greeting", "fallback")).build());
    dev.cyclone.httpserver.HTTPServer server = app.listen(0, "127.0.0.1");
    try {
      HttpResponse<String> r =
          fetch(
              java.net.http.HttpRequest.newBuilder(
                  java.net.URI.create("http://127.0.0.1:" + server.port() + "/anything")));
      assertEquals(200, r.statusCode());
      assertEquals("fallback", r.body());
    } finally {
      server.stop();
    }
  }

  @Test
  void duplicateRouteNamesAreRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new Application(
                    List.of(url("/a", MainHandler.class).named("x"), url("/b", MainHandler.class).named("x"))));
    assertTrue(e.getMessage().startsWith("[DuplicateRouteName]"));
  }
}
