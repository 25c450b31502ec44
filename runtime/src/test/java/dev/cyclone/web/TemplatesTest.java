package dev.cyclone.web;

import static dev.cyclone.web.URLSpec.url;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cyclone.httpserver.HTTPServer;
import dev.cyclone.testing.AsyncHTTPTestCase;
import dev.cyclone.testing.ExpectLog;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link RequestHandler#render} with jte templates from {@link AppSettings#templatePath} (debug:
 * compiled at first use, reloaded on change), escaping, template errors, and {@link
 * RequestHandler#staticUrl} with the cache headers of versioned URLs. (Templates compiled at build
 * time by jte-maven-plugin are tested in the example, which builds with it.)
 */
class TemplatesTest extends AsyncHTTPTestCase {
  static Path root;
  static Path templates;
  static Path statics;

  public static class ItemsHandler extends RequestHandler {
    public void get() {
      render("items.jte", Map.of("title", "Things <& more>", "items", List.of("a<b", "<script>x</script>")));
    }
  }

  public static class HelloHandler extends RequestHandler {
    public void get() {
      render("hello.jte", getArgument("name", "world"));
    }
  }

  public static class StringHandler extends RequestHandler {
    public void get() {
      String fragment = renderString("hello.jte", "fragment");
      setHeader("Content-Type", "text/plain; charset=UTF-8");
      write("[" + fragment.trim() + "]");
    }
  }

  public static class BrokenHandler extends RequestHandler {
    public void get() {
      render("broken.jte", "short");
    }
  }

  public static class MissingHandler extends RequestHandler {
    public void get() {
      render("nothing-here.jte", "x");
    }
  }

  @BeforeAll
  static void writeTemplates() throws IOException {
    root = Files.createTempDirectory("cyclone-templates");
    templates = Files.createDirectories(root.resolve("jte"));
    statics = Files.createDirectories(root.resolve("static"));
    Files.writeString(templates.resolve("items.jte"), """
        @param String title
        @param java.util.List<String> items
        @param dev.cyclone.web.RequestHandler handler
        <html><head><title>${title}</title>
        <link rel="stylesheet" href="${handler.staticUrl("site.css")}"></head>
        <body><ul>
        @for (String item : items)<li>${item}</li>@endfor
        </ul></body></html>
        """);
    Files.writeString(templates.resolve("hello.jte"), """
        @param String name
        <p>Hello, ${name}!</p>
        """);
    Files.writeString(templates.resolve("broken.jte"), """
        @param String word
        <p>fine so far</p>
        <p>${word.substring(100)}</p>
        """);
    Files.writeString(statics.resolve("site.css"), "body { color: black; }");
  }

  @AfterAll
  static void removeTemplates() throws IOException {
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  @Override
  protected Application getApp() {
    return new Application(routes(), settings(true));
  }

  static List<URLSpec> routes() {
    return List.of(
        url("/items", ItemsHandler.class),
        url("/hello", HelloHandler.class),
        url("/string", StringHandler.class),
        url("/broken", BrokenHandler.class),
        url("/missing", MissingHandler.class));
  }

  static AppSettings settings(boolean debug) {
    return AppSettings.builder().debug(debug).templatePath(templates).staticPath(statics).build();
  }

  @Test
  void aTemplateRendersItsParamsEscapedAndTheHandlerIsThere() {
    HttpResponse<String> r = fetch("/items");
    assertEquals(200, r.statusCode());
    assertEquals("text/html; charset=UTF-8", r.headers().firstValue("Content-Type").orElse(""));
    String body = r.body();
    assertTrue(body.contains("<title>Things &lt;&amp; more&gt;</title>"), body);
    assertTrue(body.contains("<li>a&lt;b</li><li>&lt;script&gt;x&lt;/script&gt;</li>"), body);
    assertFalse(body.contains("<script>"), body);
    assertTrue(body.matches("(?s).*href=\"/static/site\\.css\\?v=[0-9a-f]{16}\".*"), body);
  }

  @Test
  void aSingleModelAndAStringRendering() {
    assertEquals("<p>Hello, &lt;b&gt;!</p>", fetch("/hello?name=%3Cb%3E").body().trim());
    assertEquals("[<p>Hello, fragment!</p>]", fetch("/string").body());
  }

  @Test
  void anExceptionInATemplateIs500AndTheDebugPageNamesTheTemplateLine() {
    HttpResponse<String> r;
    try (ExpectLog logged = ExpectLog.of("dev.cyclone.web", "Uncaught exception GET /broken")) {
      r = fetch("/broken");
      assertTrue(logged.lines().get(0).contains("broken.jte:3"), "the log names the line: " + logged.lines());
    }
    assertEquals(500, r.statusCode());
    assertTrue(r.body().contains("broken.jte:3"), "the page names the template's line: " + r.body());
  }

  @Test
  void aMissingTemplateIs500NamingIt() {
    HttpResponse<String> r;
    try (ExpectLog logged = ExpectLog.of("dev.cyclone.web", "Uncaught exception GET /missing")) {
      r = fetch("/missing");
    }
    assertEquals(500, r.statusCode());
    assertTrue(r.body().contains("nothing-here.jte"), r.body());
  }

  @Test
  void inDebugModeAChangedTemplateIsRecompiled() throws Exception {
    Path page = templates.resolve("changing.jte");
    Files.writeString(page, "@param String name\n<p>first ${name}</p>\n");
    Application app = new Application(List.of(url("/changing", ChangingHandler.class)), settings(true));
    HTTPServer server = app.listen(0, "127.0.0.1");
    try {
      assertEquals("<p>first x</p>", get(server, "/changing").body().trim());
      Files.writeString(page, "@param String name\n<p>second ${name}</p>\n");
      Files.setLastModifiedTime(page, FileTime.from(Instant.now().plusSeconds(2)));
      assertEquals("<p>second x</p>", get(server, "/changing").body().trim());
    } finally {
      server.stop();
    }
  }

  @Test
  void theCompiledTemplatesDirectoryIsDeletedAtExit(@TempDir Path tmp) throws Exception {
    String javaBinary = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(javaBinary, "-Djava.io.tmpdir=" + tmp,
        "-cp", System.getProperty("java.class.path"), TemplatesAtExitMain.class.getName(), templates.toString())
        .redirectErrorStream(true)
        .start();
    String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child did not end");
    assertEquals(0, child.exitValue(), out);
    assertTrue(out.contains("rendered <p>Hello, exit!</p>"), out);
    assertTrue(out.contains("compiled into cyclone-jte-"), "the templates were not compiled into the temporary directory: " + out);
    try (var left = Files.list(tmp)) {
      assertEquals(List.of(), left.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("cyclone-jte-")).toList());
    }
  }

  @Test
  void outsideDebugATemplateNotCompiledAtBuildTimeComesFromTheTemplatePath() throws Exception {
    Application app = new Application(routes(), settings(false));
    HTTPServer server = app.listen(0, "127.0.0.1");
    try {
      assertEquals("<p>Hello, prod!</p>", get(server, "/hello?name=prod").body().trim());
    } finally {
      server.stop();
    }
  }

  public static class ChangingHandler extends RequestHandler {
    public void get() {
      render("changing.jte", "x");
    }
  }

  @Test
  void aStaticUrlChangesWithTheFileAndIsCachedForEver() throws Exception {
    String first = version(fetch("/items").body());
    Files.writeString(statics.resolve("site.css"), "body { color: blue; }");
    Files.setLastModifiedTime(statics.resolve("site.css"), FileTime.from(Instant.now().plusSeconds(5)));
    String second = version(fetch("/items").body());
    assertNotEquals(first, second, "debug mode hashes the file again");

    HttpResponse<String> versioned = fetch("/static/site.css?v=" + second);
    assertEquals(200, versioned.statusCode());
    assertEquals("max-age=315360000", versioned.headers().firstValue("Cache-Control").orElse(""));
    Instant expires = java.time.ZonedDateTime.parse(
        versioned.headers().firstValue("Expires").orElseThrow(),
        java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    assertTrue(expires.isAfter(Instant.now().plusSeconds(86400L * 365 * 9)), expires.toString());

    HttpResponse<String> plain = fetch("/static/site.css");
    assertFalse(plain.headers().firstValue("Cache-Control").isPresent(), "no version, no promise");
    String etag = plain.headers().firstValue("Etag").orElseThrow(() -> new AssertionError(plain.statusCode() + " " + plain.headers().map()));
    HttpResponse<String> again = fetch(request("/static/site.css?v=" + second).header("If-None-Match", etag));
    assertEquals(304, again.statusCode(), "conditional requests still work");
  }

  private static String version(String body) {
    Matcher m = Pattern.compile("site\\.css\\?v=([0-9a-f]{16})").matcher(body);
    assertTrue(m.find(), body);
    return m.group(1);
  }

  private HttpResponse<String> get(HTTPServer server, String path) throws Exception {
    return httpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
