package dev.cyclone.web;

import static dev.cyclone.web.URLSpec.url;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cyclone.httpserver.HTTPFile;
import dev.cyclone.testing.AsyncHTTPTestCase;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Input: query, form and multipart arguments, missing arguments, files, cookies. */
class RequestHandlerArgumentsTest extends AsyncHTTPTestCase {

  public static class ArgsHandler extends RequestHandler {
    public void get() {
      write(
          Map.of(
              "name", getArgument("name"),
              "all", getArguments("tag"),
              "missing", getArgument("missing", "default"),
              "query", getQueryArgument("name", "-")));
    }

    public void post() {
      write(
          Map.of(
              "name", getArgument("name"),
              "body", getBodyArguments("name"),
              "query", getQueryArguments("name"),
              "spaced", getBodyArgument("spaced", "-")));
    }
  }

  public static class UploadHandler extends RequestHandler {
    public void post() {
      HTTPFile file = files().get("file").get(0);
      write(
          getBodyArgument("title")
              + "|"
              + file.filename()
              + "|"
              + file.contentType()
              + "|"
              + new String(file.body(), StandardCharsets.UTF_8));
    }
  }

  public static class CookieHandler extends RequestHandler {
    public void get() {
      write(getCookie("session", "none") + "|" + cookies().size());
      setCookie("fresh", "value1");
      clearCookie("old");
    }
  }

  @Override
  protected Application getApp() {
    return new Application(
        List.of(
            url("/args", ArgsHandler.class),
            url("/upload", UploadHandler.class),
            url("/cookies", CookieHandler.class)));
  }

  @Test
  void queryArgumentsLastValueWinsAndListsKeepAll() {
    HttpResponse<String> r = fetch("/args?name=first&name=%20last%20&tag=a&tag=b");
    assertEquals(200, r.statusCode());
    assertEquals("application/json; charset=UTF-8", r.headers().firstValue("Content-Type").get());
    assertTrue(r.body().contains("\"name\":\"last\""), r.body());
    assertTrue(r.body().contains("\"all\":[\"a\",\"b\"]"), r.body());
    assertTrue(r.body().contains("\"missing\":\"default\""), r.body());
  }

  @Test
  void missingRequiredArgumentIs400() {
    HttpResponse<String> r = fetch("/args?tag=a");
    assertEquals(400, r.statusCode());
    assertTrue(r.body().contains("400: Bad Request"), r.body());
  }

  @Test
  void formBodyArgumentsAreMergedAfterQueryArguments() {
    HttpResponse<String> r =
        fetch(
            request("/args?name=fromquery")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("name=frombody&spaced=+a+b+")));
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(r.body().contains("\"name\":\"frombody\""), r.body());
    assertTrue(r.body().contains("\"body\":[\"frombody\"]"), r.body());
    assertTrue(r.body().contains("\"query\":[\"fromquery\"]"), r.body());
    assertTrue(r.body().contains("\"spaced\":\"a b\""), r.body());
  }

  @Test
  void multipartBodyGivesArgumentsAndFiles() {
    String boundary = "----cyclone1234";
    String body =
        "--" + boundary + "\r\n"
            + "Content-Disposition: form-data; name=\"title\"\r\n\r\n"
            + "My title\r\n"
            + "--" + boundary + "\r\n"
            + "Content-Disposition: form-data; name=\"file\"; filename=\"hello.txt\"\r\n"
            + "Content-Type: text/plain\r\n\r\n"
            + "file contents\r\n"
            + "--" + boundary + "--\r\n";
    HttpResponse<String> r =
        fetch(
            request("/upload")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    assertEquals(200, r.statusCode(), r.body());
    assertEquals("My title|hello.txt|text/plain|file contents", r.body());
  }

  @Test
  void cookiesAreReadAndSet() {
    HttpResponse<String> r = fetch(request("/cookies").header("Cookie", "session=abc; other=1"));
    assertEquals("abc|2", r.body());
    List<String> set = r.headers().allValues("Set-Cookie");
    assertEquals(2, set.size(), set.toString());
    assertTrue(set.get(0).startsWith("fresh=value1") && set.get(0).contains("Path=/"), set.get(0));
    assertTrue(set.get(1).startsWith("old=") && set.get(1).contains("Max-Age=0"), set.get(1));
    assertEquals("none|0", fetch("/cookies").body());
  }
}
