package dev.cyclone.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cyclone.testing.AsyncHTTPTestCase;
import dev.cyclone.web.Application;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The notes pages as a user meets them: curl with a cookie jar through the login (redirect with
 * next, the form's XSRF token, the signed cookie), a note written with HTML in it, a POST without
 * its token, a tampered cookie, logout; and once in a real browser, which submits both forms.
 */
class NotesTest extends AsyncHTTPTestCase {
  @Override
  protected Application getApp() {
    return ExampleServer.makeApp();
  }

  @Override
  protected Duration getAsyncTestTimeout() {
    return Duration.ofSeconds(30);
  }

  /** curl's answer: the status, the Location, and the body. */
  private record Curl(int status, String location, String body) {}

  private Curl curl(Path jar, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(Peers.curl().toString(), "-sS", "-b", jar.toString(),
        "-c", jar.toString(), "-w", "\n%{http_code} %{redirect_url}"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0, "curl failed: " + out);
    int last = out.lastIndexOf('\n');
    String[] tail = out.substring(last + 1).split(" ", 2);
    return new Curl(Integer.parseInt(tail[0]), tail.length > 1 ? tail[1] : "", out.substring(0, last));
  }

  private static String xsrf(String page) {
    Matcher m = Pattern.compile("name=\"_xsrf\" value=\"([^\"]+)\"").matcher(page);
    assertTrue(m.find(), "a form with its token: " + page);
    return m.group(1);
  }

  @Test
  void aUserLogsInWritesANoteAndLogsOutWithCurl(@TempDir Path dir) throws Exception {
    Path jar = dir.resolve("cookies.txt");
    Curl asked = curl(jar, getUrl("/notes"));
    assertEquals(302, asked.status());
    assertEquals(getUrl("/login?next=%2Fnotes"), asked.location(), "sent to log in, then back");
    assertEquals(403, curl(jar, "-d", "text=x", getUrl("/notes")).status(), "a POST is refused, not redirected");

    Curl form = curl(jar, getUrl("/login?next=%2Fnotes"));
    String token = xsrf(form.body());
    Curl wrong = curl(jar, "-d", "_xsrf=" + token + "&name=alice&password=nope", getUrl("/login?next=/notes"));
    assertEquals(403, wrong.status());
    assertTrue(wrong.body().contains("wrong password"), wrong.body());

    Curl in = curl(jar, "-d", "_xsrf=" + token + "&name=alice&password=wonderland", getUrl("/login?next=/notes"));
    assertEquals(302, in.status());
    assertEquals(getUrl("/notes"), in.location());
    assertTrue(Files.readString(jar).contains("\tuser\t2|"), "a signed cookie, Tornado's v2 format");

    String note = "<script>alert('x')</script> & more";
    Curl added = curl(jar, "--data-urlencode", "_xsrf=" + token, "--data-urlencode", "text=" + note, getUrl("/notes"));
    assertEquals(303, added.status());
    Curl page = curl(jar, getUrl("/notes"));
    assertEquals(200, page.status());
    assertTrue(page.body().contains("<li>&lt;script&gt;alert('x')&lt;/script&gt; &amp; more</li>"), page.body());
    assertFalse(page.body().contains("<script>"), "escaped by the template");

    assertEquals(403, curl(jar, "-d", "text=forged", getUrl("/notes")).status(), "no token: refused");
    assertEquals(403, curl(jar, "-d", "_xsrf=2|00|00|0&text=forged", getUrl("/notes")).status(), "a wrong one too");
    assertFalse(curl(jar, getUrl("/notes")).body().contains("forged"));

    // a cookie changed by hand (another user's name, the old signature) is no login at all
    String cookies = Files.readString(jar);
    Files.writeString(jar, cookies.replaceAll("(\tuser\t2\\|[^|]*\\|[^|]*\\|4:user\\|)8:YWxpY2U=", "$18:Ym9iYm9i"));
    assertEquals(302, curl(jar, getUrl("/notes")).status(), "tampered: logged out");
    Files.writeString(jar, cookies);

    Curl out = curl(jar, "-d", "_xsrf=" + token, getUrl("/logout"));
    assertEquals(303, out.status());
    assertEquals(302, curl(jar, getUrl("/notes")).status(), "logged out");
  }

  @Test
  void aBrowserLogsInAndAddsANoteThroughTheForms(@TempDir Path profile) throws Exception {
    try (Browser browser = Browser.open(getUrl("/notes"), profile)) {
      // redirected to the login form; fill it in and submit it as a user would
      browser.await("location.pathname + (document.querySelector('input[name=password]') ? ' form' : '')",
          s -> s.equals("/login form"));
      browser.evaluate("document.querySelector('input[name=name]').value = 'bob';"
          + "document.querySelector('input[name=password]').value = 'builder';"
          + "document.querySelector('form').submit(); 'sent'");
      assertEquals("bob", browser.await("location.pathname === '/notes' && document.getElementById('user')"
          + " ? document.getElementById('user').textContent : ''", s -> s.equals("bob")));
      browser.evaluate("document.querySelector('#add input[name=text]').value = 'milk <b>and</b> bread';"
          + "document.getElementById('add').submit(); 'sent'");
      String notes = browser.await("[...document.querySelectorAll('#notes li')].map(li => li.textContent).join('|')",
          s -> s.contains("milk"));
      assertEquals("milk <b>and</b> bread", notes, "the note, shown as text");
      // the same POST from the page's script without the form's token is refused
      assertEquals("403", browser.await("window.forged || (fetch('/notes', {method: 'POST', body: new URLSearchParams("
          + "{text: 'forged'})}).then(r => window.forged = String(r.status)), '')", s -> s.equals("403")));
    }
  }
}
